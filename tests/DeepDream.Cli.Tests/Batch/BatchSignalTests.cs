using System.Text.Json;
using DeepDream.Batch;

namespace DeepDream.Tests.Batch;

/// <summary>
/// SIGTERM (what Slurm and Kubernetes send on pre-emption; Ctrl-C's SIGINT takes the same path) stops the built
/// CLI after its current step, with the manifest and a summary written, and exit code 130.
/// </summary>
public sealed class BatchSignalTests : IDisposable
{
    private const int Images = 6;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Sigterm_stops_the_batch_cleanly_and_the_next_run_finishes_it()
    {
        for (int i = 0; i < Images; i++) TestImages.Random(_temp[$"in/img{i}.png"], 48, 48, seed: i);
        string output = _temp["out"];
        string[] batch = ["batch", _temp["in"], "--out", output, "--model", "tiny", "--octaves", "1", "--steps", "300", "--threads", "1", "--json"];

        string[] lines;
        int exitCode;
        string error;
        using (var process = DreamProcess.Start(batch))
        {
            // Read stderr meanwhile: a child blocked on a full stderr pipe would never print its first line.
            var errorText = process.StandardError.ReadToEndAsync();
            string? first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            DreamProcess.Signal(process, DreamProcess.SigTerm);
            string rest = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync();
            exitCode = process.ExitCode;
            error = await errorText;
            lines = [first!, .. rest.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        }

        Assert.Equal(ExitCodes.Interrupted, exitCode);
        Assert.Equal("", error);
        var summary = JsonDocument.Parse(lines[^1]).RootElement;
        Assert.True(summary.GetProperty("interrupted").GetBoolean());
        int done = summary.GetProperty("done").GetInt32();
        Assert.InRange(done, 1, Images - 1);
        Assert.Equal(Images - done, summary.GetProperty("remaining").GetInt32());
        Assert.Equal(done, BatchManifest.Read(Path.Combine(output, "manifest.jsonl")).Count(r => r.Status == ManifestStatus.Done));
        var everything = new EnumerationOptions { AttributesToSkip = 0 };
        Assert.Equal(done + 1, Directory.GetFiles(output, "*", everything).Length);

        var rerun = await DreamProcess.RunAsync(batch);

        Assert.Equal(ExitCodes.Ok, rerun.ExitCode);
        var final = JsonDocument.Parse(rerun.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;
        Assert.Equal((Images - done, done), (final.GetProperty("done").GetInt32(), final.GetProperty("skipped").GetInt32()));
    }
}
