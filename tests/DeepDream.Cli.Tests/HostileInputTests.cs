using System.Diagnostics;
using DeepDream.Imaging;
using DeepDream.Tests.Batch;

namespace DeepDream.Tests;

/// <summary>
/// Inputs of every kind that are not regular files (FIFOs, devices), formats that cannot be read and images too small
/// for the network: refused at once with one line naming the file, exit code 3, and nothing written.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private static readonly string SmallInception = Path.Combine(AppContext.BaseDirectory, "fixtures", "torch-export", "small_inception.onnx");

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Png(string name, int width = 48, int height = 32)
    {
        var rgb = new byte[width * height * 3];
        new Random(5).NextBytes(rgb);
        ImageFile.Write(new RgbImage(width, height, rgb), _folder[name], ImageWriteOptions.Default);
        return _folder[name];
    }

    private string Fifo(string name)
    {
        using var mkfifo = Process.Start("mkfifo", _folder[name]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return _folder[name];
    }

    private static void AssertRefused(CliRun run, string message)
    {
        Assert.Equal((ExitCodes.BadInput, $"dream: error: {message}"), (run.ExitCode, run.Error.Trim()));
    }

    [Fact]
    public void A_fifo_as_the_image_the_guide_or_a_batch_list_is_refused_without_waiting_for_a_writer()
    {
        var fifo = Fifo("camera.png");
        var photo = Png("photo.png");
        const string Problem = "is a FIFO (named pipe), not a regular file";

        AssertRefused(CliRun.Invoke(fifo, "-o", _folder["out.png"], "--model", "tiny"), $"{fifo}: {Problem}");
        AssertRefused(CliRun.Invoke(photo, "--guide", fifo, "-o", _folder["out.png"], "--model", "tiny"), $"{fifo}: {Problem}");
        AssertRefused(CliRun.Invoke("batch", $"@{fifo}", "--out", _folder["out"], "--model", "tiny"), $"{fifo}: {Problem}");
        Assert.Equal(["camera.png", "photo.png"], _folder.Entries().Order());
    }

    [Fact]
    public void Dev_zero_as_the_model_is_refused_instead_of_hashed_for_ever()
    {
        var photo = Png("photo.png");

        AssertRefused(CliRun.Invoke(photo, "-o", _folder["out.png"], "--model", "/dev/zero"), "/dev/zero: is a character device, not a regular file");
    }

    [Fact]
    public void A_tiff_is_named_as_an_unsupported_format()
    {
        File.WriteAllBytes(_folder["scan.tif"], [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, .. new byte[100]]);

        AssertRefused(CliRun.Invoke(_folder["scan.tif"], "-o", _folder["out.png"], "--model", "tiny"),
            $"{_folder["scan.tif"]}: unsupported image format TIFF (supported: JPEG, PNG, WebP, BMP, GIF)");
    }

    [Fact]
    public void An_image_too_small_for_the_network_is_named_with_the_smallest_size_that_works()
    {
        var tiny = Png("dot.png", width: 2, height: 2);

        var run = CliRun.Invoke(tiny, "-o", _folder["out.png"], "--model", SmallInception, "--input-scale", "0.00392157",
            "--layer", "inception", "--octaves", "1", "--steps", "1");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Matches($@"^dream: error: {System.Text.RegularExpressions.Regex.Escape(tiny)}: --layer inception: the 2x2 image is too small: small_inception needs at least (\d+)x(\d+) pixels at inception; use a larger image or an earlier layer$", run.Error.Trim());
        Assert.False(File.Exists(_folder["out.png"]));
    }

    [Theory]
    [InlineData(DreamProcess.SigInt)]
    [InlineData(DreamProcess.SigTerm)]
    public async Task A_signal_ends_a_wait_for_stdin_promptly_with_exit_130(int signal)
    {
        using var process = DreamProcess.Start(["-", "-o", _folder["out.png"], "--model", "tiny"], silentStdin: true);
        var error = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!DreamProcess.IsWaitingForStdin(process) && !process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(DreamProcess.IsWaitingForStdin(process), "the command never waited for stdin");

        DreamProcess.Signal(process, signal);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.Interrupted, process.ExitCode);
        Assert.Equal(["dream: error: interrupted"], DreamLines(await error));
        Assert.Empty(_folder.Entries());
    }

    /// <summary>What dream itself printed, without libtorch's own warnings (NNPACK on CPUs it does not know).</summary>
    internal static string[] DreamLines(string stderr) =>
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(line => !line.StartsWith("[W", StringComparison.Ordinal)).ToArray();
}
