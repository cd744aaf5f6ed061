using System.Diagnostics;
using DeepDream.Tests.Batch;
using SkiaSharp;

namespace DeepDream.Tests;

/// <summary>
/// A process that loaded libtorch ends without its static destructors (Runtime/ProcessEnd): everything it wrote on
/// stdout and stderr must still arrive whole, with the command's exit code.
/// </summary>
public sealed class ProcessEndTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_dream_written_to_stdout_arrives_whole()
    {
        TestImages.Random(_temp["in.png"], 96, 64, seed: 4);
        var file = await DreamProcess.RunAsync([_temp["in.png"], "-o", _temp["file.png"], "--model", "tiny", "--preset", "smoke", "--quiet"]);
        Assert.Equal(0, file.ExitCode);

        using var process = DreamProcess.Start([_temp["in.png"], "-o", "-", "--format", "png", "--model", "tiny", "--preset", "smoke", "--quiet"]);
        var error = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(stdout);
        await process.WaitForExitAsync();

        Assert.Equal((0, ""), (process.ExitCode, await error));
        Assert.Equal(File.ReadAllBytes(_temp["file.png"]), stdout.ToArray());
        using var image = SKBitmap.Decode(stdout.ToArray());
        Assert.Equal((96, 64), (image.Width, image.Height));
    }

    [Fact]
    public async Task A_failure_after_libtorch_was_loaded_keeps_its_exit_code_and_message()
    {
        TestImages.Random(_temp["in.png"], 32, 32, seed: 5);

        var run = await DreamProcess.RunAsync([_temp["in.png"], "-o", _temp["out.png"], "--model", "tiny", "--layer", "no_such_layer"]);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.StartsWith("dream: error: ", run.Error);
        Assert.Contains("no_such_layer", run.Error);
        Assert.EndsWith("\n", run.Error);
        Assert.False(File.Exists(_temp["out.png"]));
    }

    [Fact]
    public async Task A_failure_while_libtorch_loads_keeps_its_exit_code_and_message()
    {
        // The model is looked up while libtorch loads on a worker thread; the process ends without waiting for the load.
        TestImages.Random(_temp["in.png"], 32, 32, seed: 6);

        var run = await DreamProcess.RunAsync([_temp["in.png"], "-o", _temp["out.png"], "--model", "no-such-model"]);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.StartsWith("dream: error: --model no-such-model: not an installed model", run.Error);
        Assert.EndsWith("\n", run.Error);
        Assert.False(File.Exists(_temp["out.png"]));
    }
}
