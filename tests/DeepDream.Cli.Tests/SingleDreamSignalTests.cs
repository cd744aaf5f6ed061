using DeepDream.Tests.Batch;

namespace DeepDream.Tests;

/// <summary>SIGTERM (or Ctrl-C) during a single dream: exit 130, no output file, no temporary left behind.</summary>
public sealed class SingleDreamSignalTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Sigterm_stops_the_dream_without_writing_anything()
    {
        TestImages.Random(_temp["in.png"], 64, 64, seed: 1);
        using var process = DreamProcess.Start([_temp["in.png"], "-o", _temp["out.png"], "--model", "tiny", "--octaves", "1", "--steps", "10000", "--threads", "1"]);
        var error = process.StandardError.ReadToEndAsync();
        // Well into the dream (start-up takes a fraction of this), so the signal meets the running step loop.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (process.TotalProcessorTime < TimeSpan.FromSeconds(3) && !process.HasExited && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        DreamProcess.Signal(process, DreamProcess.SigTerm);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.Interrupted, process.ExitCode);
        Assert.Equal("dream: error: interrupted", (await error).Trim());
        var everything = new EnumerationOptions { AttributesToSkip = 0 };
        Assert.Equal([_temp["in.png"]], Directory.GetFiles(_temp.Path, "*", everything));
    }
}
