using DeepDream.Batch;

namespace DeepDream.Tests.Batch;

/// <summary>
/// What a run killed part-way leaves on disk, and how the next run recovers. A kill is simulated by copying the
/// output folder while the processor is stuck mid-write: the copy is exactly what a kill at that moment would leave.
/// </summary>
public sealed class BatchRunnerCrashTests : IDisposable
{
    private const string Settings = "steps=10";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly TempFolder _temp = new();
    private readonly IReadOnlyList<BatchItem> _items;

    public BatchRunnerCrashTests()
    {
        foreach (string name in new[] { "a", "b", "c", "d" })
        {
            _temp.Write($"in/{name}.jpg", name.ToUpperInvariant());
        }
        _items = BatchInputs.Resolve(["in"], recursive: false, workingDirectory: _temp.Path);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_run_killed_mid_item_leaves_only_whole_outputs_and_the_next_run_finishes_the_batch()
    {
        using var stuck = new ManualResetEventSlim();
        using var cancellation = new CancellationTokenSource();
        var processor = new FakeProcessor
        {
            BeforeWriting = (item, temporaryPath, token) =>
            {
                if (item.RelativePath == "c.jpg")
                {
                    File.WriteAllText(temporaryPath, "half an ima");
                    stuck.Set();
                    token.WaitHandle.WaitOne();
                    token.ThrowIfCancellationRequested();
                }
            },
        };
        var layout = new OutputLayout(_temp["out"], "png");
        Task<BatchResult> run = Task.Run(
            () => new BatchRunner(layout, Shard.All, Settings, processor.Process).Run(_items, null, cancellation.Token));
        Assert.True(stuck.Wait(Patience));

        CopyFolder(_temp["out"], _temp["killed"]);
        cancellation.Cancel();
        BatchResult interrupted = await run.WaitAsync(Patience);

        Assert.Equal((2, 2, true), (interrupted.Done, interrupted.Remaining, interrupted.Cancelled));
        string leftover = Assert.Single(Directory.GetFiles(_temp["killed"], ".c.png.*.tmp"));
        Assert.Equal("half an ima", File.ReadAllText(leftover));
        Assert.False(File.Exists(_temp["killed/c.png"]));
        Assert.Equal("dreamed:A", File.ReadAllText(_temp["killed/a.png"]));
        Assert.Equal("dreamed:B", File.ReadAllText(_temp["killed/b.png"]));
        Assert.Equal(["a.jpg", "b.jpg"], BatchManifest.Read(_temp["killed/manifest.jsonl"]).Select(record => record.Input));
        // A kill in the middle of appending a record would leave the start of a line as well.
        File.AppendAllText(_temp["killed/manifest.jsonl"], "{\"input\":\"c.jpg\",\"outp");

        var resumed = new FakeProcessor();
        BatchResult result = new BatchRunner(new OutputLayout(_temp["killed"], "png"), Shard.All, Settings, resumed.Process)
            .Run(_items);

        Assert.Equal((2, 2, 0, ExitCodes.Ok), (result.Done, result.Skipped, result.Failed, result.ExitCode));
        Assert.Equal(["c.jpg", "d.jpg"], resumed.Calls);
        Assert.Equal(
            ["a.png", "b.png", "c.png", "d.png", "manifest.jsonl"],
            Directory.GetFiles(_temp["killed"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("dreamed:C", File.ReadAllText(_temp["killed/c.png"]));
        Assert.Equal(
            ["a.jpg", "b.jpg", "a.jpg", "b.jpg", "c.jpg", "d.jpg"],
            BatchManifest.Read(_temp["killed/manifest.jsonl"]).Select(record => record.Input));
    }

    [Fact]
    public void While_an_output_is_being_replaced_its_final_path_holds_the_previous_whole_file()
    {
        var layout = new OutputLayout(_temp["out"], "png");
        new BatchRunner(layout, Shard.All, Settings, new FakeProcessor().Process).Run(_items);
        var seenDuringWrite = new List<string>();
        var processor = new FakeProcessor
        {
            BeforeWriting = (item, temporaryPath, _) =>
            {
                File.WriteAllText(temporaryPath, "half");
                seenDuringWrite.Add(File.ReadAllText(layout.OutputPath(item)));
            },
        };

        new BatchRunner(layout, Shard.All, "steps=20", processor.Process).Run(_items);

        Assert.Equal(["dreamed:A", "dreamed:B", "dreamed:C", "dreamed:D"], seenDuringWrite);
        Assert.Equal("dreamed:A", File.ReadAllText(_temp["out/a.png"]));
    }

    [Fact]
    public void A_new_output_does_not_exist_at_its_final_path_until_it_is_complete()
    {
        var layout = new OutputLayout(_temp["out"], "png");
        var existedDuringWrite = new List<bool>();
        var processor = new FakeProcessor
        {
            BeforeWriting = (item, temporaryPath, _) =>
            {
                File.WriteAllText(temporaryPath, "half");
                existedDuringWrite.Add(File.Exists(layout.OutputPath(item)));
            },
        };

        new BatchRunner(layout, Shard.All, Settings, processor.Process).Run(_items);

        Assert.Equal([false, false, false, false], existedDuringWrite);
    }

    [Fact]
    public void Leftover_temporary_files_of_this_shard_are_deleted_at_start_and_no_others()
    {
        Shard shard = Shard.Parse("1/2");
        BatchItem mine = _items.First(shard.Contains);
        BatchItem others = _items.First(item => !shard.Contains(item));
        string mineName = Path.ChangeExtension(mine.RelativePath, ".png");
        string othersName = Path.ChangeExtension(others.RelativePath, ".png");
        string[] kept =
        [
            _temp.Write($"out/.{othersName}.0123abcd.tmp"), // another shard may be writing it right now
            _temp.Write("out/.unrelated.png.0123abcd.tmp"),
            _temp.Write($"out/.{mineName}.not-ours.tmp"),
            _temp.Write($"out/{mineName}.0123abcd.tmp"),
        ];
        string leftover = _temp.Write($"out/.{mineName}.0123abcd.tmp", "half");

        BatchResult result = new BatchRunner(new OutputLayout(_temp["out"], "png"), shard, Settings, new FakeProcessor().Process)
            .Run(_items, null, new CancellationToken(canceled: true));

        Assert.Equal(0, result.Done);
        Assert.False(File.Exists(leftover));
        Assert.All(kept, path => Assert.True(File.Exists(path), path));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // The shard's lock file is held (so unreadable); a kill leaves it empty and unlocked.
            if (file.EndsWith(".lock", StringComparison.Ordinal)) File.WriteAllBytes(target, []);
            else File.Copy(file, target);
        }
    }
}
