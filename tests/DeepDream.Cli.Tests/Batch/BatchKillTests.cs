using DeepDream.Batch;

namespace DeepDream.Tests.Batch;

/// <summary>The real thing: the built CLI killed with SIGKILL in the middle of a batch, then run again.</summary>
public sealed class BatchKillTests : IDisposable
{
    private const int Images = 6;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_killed_batch_resumes_without_redoing_finished_files_or_leaving_partial_ones()
    {
        for (int i = 0; i < Images; i++) TestImages.Random(_temp[$"in/img{i}.png"], 48, 48, seed: i);
        string output = _temp["out"];
        // Enough steps that each image takes a noticeable fraction of a second; one thread, so timing is steady.
        string[] batch = ["batch", _temp["in"], "--out", output, "--model", "tiny", "--octaves", "1", "--steps", "300", "--threads", "1"];

        using (var process = DreamProcess.Start([.. batch, "--json"]))
        {
            // Read stderr meanwhile: a child blocked on a full stderr pipe would never print its first line.
            var error = process.StandardError.ReadToEndAsync();
            // The first "done" line is printed after its output is renamed into place and its manifest line synced.
            string? firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Contains("\"event\":\"done\"", firstLine);
            Assert.Equal("", await error);
        }

        var finishedBeforeKill = BatchManifest.Read(Path.Combine(output, "manifest.jsonl"))
            .Where(record => record.Status == ManifestStatus.Done)
            .ToDictionary(record => record.Output, record => File.GetLastWriteTimeUtc(Path.Combine(output, record.Output)));
        Assert.InRange(finishedBeforeKill.Count, 1, Images - 1);

        var rerun = await DreamProcess.RunAsync(batch);

        Assert.Equal(ExitCodes.Ok, rerun.ExitCode);
        Assert.StartsWith($"batch: {Images - finishedBeforeKill.Count} done, {finishedBeforeKill.Count} skipped, 0 failed of {Images}", rerun.Out);
        Assert.Equal("", rerun.Error);
        var everything = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 };
        Assert.Equal(
            Enumerable.Range(0, Images).Select(i => $"img{i}.png").Append("manifest.jsonl").Order(),
            Directory.EnumerateFiles(output, "*", everything).Select(Path.GetFileName).Order());
        for (int i = 0; i < Images; i++)
        {
            var image = TestImages.Read(Path.Combine(output, $"img{i}.png"));
            Assert.Equal((48, 48), (image.Width, image.Height));
        }
        foreach (var (name, time) in finishedBeforeKill)
            Assert.Equal(time, File.GetLastWriteTimeUtc(Path.Combine(output, name)));
    }
}
