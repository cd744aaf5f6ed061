using DeepDream.Tests.Batch;

namespace DeepDream.Tests;

/// <summary>
/// A dream's stderr carries DeepDream's own lines only. libtorch logs through c10 at WARNING by default, and on a
/// CPU that NNPACK does not support (AVX-512 Zen 5, for one) each convolution printed "Could not initialize
/// NNPACK!" there: hundreds of lines for one dream.
/// </summary>
public sealed class NativeQuietTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public async Task A_successful_dream_prints_nothing_on_stderr(string threads)
    {
        TestImages.Random(_temp["in.png"], 96, 64, seed: 2);

        var run = await DreamProcess.RunAsync([_temp["in.png"], "-o", _temp["out.png"], "--model", "tiny", "--octaves", "2", "--steps", "2", "--threads", threads]);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.StartsWith($"wrote {_temp["out.png"]} (96x64, tiny,", run.Out);
    }

    [Fact]
    public async Task A_failed_dream_prints_one_line_of_ours()
    {
        File.WriteAllText(_temp["broken.png"], "not an image");

        var run = await DreamProcess.RunAsync([_temp["broken.png"], "-o", _temp["out.png"], "--model", "tiny"]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"dream: error: {_temp["broken.png"]}: not an image (unrecognised data)\n", run.Error);
    }
}
