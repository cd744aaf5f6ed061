using DeepDream.Batch;

namespace DeepDream.Tests.Batch;

/// <summary>Two real batch processes on one output folder and shard: the second is refused; a killed one blocks nobody.</summary>
public sealed class BatchLockTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_second_run_of_the_same_shard_is_refused_and_a_killed_runs_lock_does_not_block_the_next()
    {
        // The first run has far more work than the time the second takes to start, so it still runs then.
        for (int i = 0; i < 3; i++) TestImages.Random(_temp[$"in/img{i}.png"], 160, 160, seed: i);
        string output = _temp["out"];
        string[] batch = ["batch", _temp["in"], "--out", output, "--model", "tiny", "--octaves", "1", "--threads", "1"];

        using (var first = DreamProcess.Start([.. batch, "--steps", "10000"]))
        {
            // Drained, so that warnings the child prints can never fill the pipe and stall it.
            _ = first.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!File.Exists(Path.Combine(output, ".manifest.jsonl.lock")) && !first.HasExited && DateTime.UtcNow < deadline) await Task.Delay(50);

            var second = await DreamProcess.RunAsync([.. batch, "--steps", "1"]);

            Assert.False(first.HasExited, "the first run ended before the second started");
            Assert.Equal(ExitCodes.BadInput, second.ExitCode);
            Assert.Equal([$"dream: error: {Path.Combine(output, "manifest.jsonl")}: another dream batch is running on this output folder and shard; " +
                "wait for it to finish, or choose another --out"], HostileInputTests.DreamLines(second.Error));
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var third = await DreamProcess.RunAsync([.. batch, "--steps", "1"]);

        Assert.Equal(ExitCodes.Ok, third.ExitCode);
        Assert.StartsWith("batch: 3 done, 0 skipped, 0 failed of 3", third.Out);
        // Every line is one whole record: nothing glued, nothing cut.
        string manifest = Path.Combine(output, "manifest.jsonl");
        Assert.Equal(File.ReadAllLines(manifest).Length, BatchManifest.Read(manifest).Count);
        Assert.False(File.Exists(Path.Combine(output, ".manifest.jsonl.lock")));
    }
}
