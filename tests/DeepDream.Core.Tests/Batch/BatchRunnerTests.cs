using DeepDream.Batch;

namespace DeepDream.Tests.Batch;

public sealed class BatchRunnerTests : IDisposable
{
    private const string Settings = "steps=10;octaves=4";

    private readonly TempFolder _temp = new();
    private readonly IReadOnlyList<BatchItem> _items;
    private readonly OutputLayout _layout;

    public BatchRunnerTests()
    {
        _temp.Write("in/a.jpg", "A");
        _temp.Write("in/b.jpg", "B");
        _temp.Write("in/sub/c.jpg", "C");
        _temp.Write("in/d.png", "D");
        _items = BatchInputs.Resolve(["in"], recursive: true, workingDirectory: _temp.Path);
        _layout = new OutputLayout(_temp["out"], "png");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void First_run_writes_every_output_through_a_hidden_temporary_file_and_records_it()
    {
        var processor = new FakeProcessor();

        BatchResult result = Run(processor);

        Assert.Equal((4, 4, 0, 0, 0, false, ExitCodes.Ok), Summary(result));
        Assert.Equal(["a.jpg", "b.jpg", "d.png", "sub/c.jpg"], processor.Calls);
        Assert.Equal("dreamed:C", File.ReadAllText(_temp["out/sub/c.png"]));
        Assert.Equal(["a.png", "b.png", "d.png", "sub/c.png"], OutputFiles());
        Assert.Matches(@"^\.c\.png\.\d+@[0-9a-f]{8}\.[0-9a-f]{8}\.tmp$", Path.GetFileName(processor.TemporaryPaths[3]));
        Assert.Equal(_temp["out/sub"], Path.GetDirectoryName(processor.TemporaryPaths[3]));

        IReadOnlyList<ManifestRecord> records = Manifest();
        Assert.Equal(["a.jpg", "b.jpg", "d.png", "sub/c.jpg"], records.Select(record => record.Input));
        Assert.Equal("sub/c.png", records[3].Output);
        Assert.All(records, record => Assert.Equal(ManifestStatus.Done, record.Status));
        Assert.Equal(SettingsHash.Compute(Settings, _temp["in/sub/c.jpg"]), records[3].SettingsHash);
    }

    [Fact]
    public void A_second_run_skips_what_is_done()
    {
        Run(new FakeProcessor());
        var processor = new FakeProcessor();
        var progress = new RecordingProgress();

        BatchResult result = Run(processor, progress: progress);

        Assert.Equal((4, 0, 4, 0, 0, false, ExitCodes.Ok), Summary(result));
        Assert.Empty(processor.Calls);
        Assert.All(progress.Events, e => Assert.Equal(BatchEventKind.Skipped, e.Kind));
        Assert.Equal(
            [ManifestStatus.Done, ManifestStatus.Skipped],
            Manifest().Where(record => record.Input == "a.jpg").Select(record => record.Status));
        // A run after only skips still skips: a skipped record counts as done.
        Assert.Equal(4, Run(new FakeProcessor()).Skipped);
    }

    [Fact]
    public void A_failed_file_is_recorded_and_the_batch_goes_on_then_the_next_run_retries_only_it()
    {
        BatchResult result = Run(new FakeProcessor { FailFor = ["b.jpg"] });

        Assert.Equal((4, 3, 0, 1, 0, false, ExitCodes.PartialFailure), Summary(result));
        BatchFailure failure = Assert.Single(result.Failures);
        Assert.Equal("b.jpg", failure.Item.RelativePath);
        Assert.Equal($"{_temp["in/b.jpg"]}: not an image (unrecognised data)", failure.Error);
        Assert.Equal(["a.png", "d.png", "sub/c.png"], OutputFiles());
        ManifestRecord failed = Assert.Single(Manifest(), record => record.Status == ManifestStatus.Failed);
        Assert.Equal(("b.jpg", failure.Error), (failed.Input, failed.Error));

        var retry = new FakeProcessor();
        BatchResult retried = Run(retry);

        Assert.Equal(["b.jpg"], retry.Calls);
        Assert.Equal((4, 1, 3, 0, 0, false, ExitCodes.Ok), Summary(retried));
        Assert.Equal("dreamed:B", File.ReadAllText(_temp["out/b.png"]));
    }

    [Fact]
    public void Input_output_errors_are_file_failures_with_a_one_line_message()
    {
        var processor = new FakeProcessor
        {
            BeforeWriting = (item, _, _) =>
            {
                if (item.RelativePath == "a.jpg")
                {
                    throw new IOException("No space left on device\n   while writing");
                }
            },
        };
        File.Delete(_temp["in/d.png"]);

        BatchResult result = Run(processor);

        Assert.Equal((4, 2, 0, 2, 0, false, ExitCodes.PartialFailure), Summary(result));
        Assert.Equal(["a.jpg", "d.png"], result.Failures.Select(failure => failure.Item.RelativePath));
        Assert.Equal("No space left on device while writing", result.Failures[0].Error);
        Assert.Contains(_temp["in/d.png"], result.Failures[1].Error);
        Assert.Equal(["a.jpg", "b.jpg", "sub/c.jpg"], processor.Calls);
        Assert.Equal(["b.png", "sub/c.png"], OutputFiles());
    }

    [Fact]
    public void An_unexpected_exception_ends_the_run_without_leaving_a_partial_file()
    {
        var processor = new FakeProcessor
        {
            BeforeWriting = (item, temporaryPath, _) =>
            {
                if (item.RelativePath == "b.jpg")
                {
                    File.WriteAllText(temporaryPath, "half");
                    throw new InvalidOperationException("bug");
                }
            },
        };

        Assert.Throws<InvalidOperationException>(() => Run(processor));

        Assert.Equal(["a.png"], OutputFiles());
        Assert.Equal(["a.jpg"], Manifest().Select(record => record.Input));
    }

    [Fact]
    public void A_processor_that_writes_nothing_is_a_bug()
    {
        BatchItemProcessor writesNothing = (_, _, _) => { };

        var error = Assert.Throws<InvalidOperationException>(
            () => new BatchRunner(_layout, Shard.All, Settings, writesNothing).Run(_items));

        Assert.StartsWith($"{_layout.OutputPath(_items[0])}: the writer returned without writing", error.Message);
    }

    [Fact]
    public void Changed_settings_redo_everything()
    {
        Run(new FakeProcessor());
        var processor = new FakeProcessor();

        BatchResult result = Run(processor, settings: "steps=20;octaves=4");

        Assert.Equal(4, result.Done);
        Assert.Equal(4, processor.Calls.Count);
    }

    [Fact]
    public void A_changed_format_redoes_everything_into_the_new_outputs()
    {
        Run(new FakeProcessor());
        var processor = new FakeProcessor();

        BatchResult result = new BatchRunner(new OutputLayout(_temp["out"], "webp"), Shard.All, Settings, processor.Process)
            .Run(_items);

        Assert.Equal(4, result.Done);
        Assert.Equal("dreamed:A", File.ReadAllText(_temp["out/a.webp"]));
    }

    [Fact]
    public void A_touched_or_replaced_input_is_redone()
    {
        Run(new FakeProcessor());
        File.SetLastWriteTimeUtc(_temp["in/b.jpg"], DateTime.UtcNow.AddHours(1));
        _temp.Write("in/d.png", "new D");
        var processor = new FakeProcessor();

        BatchResult result = Run(processor);

        Assert.Equal(["b.jpg", "d.png"], processor.Calls);
        Assert.Equal((4, 2, 2, 0, 0, false, ExitCodes.Ok), Summary(result));
        Assert.Equal("dreamed:new D", File.ReadAllText(_temp["out/d.png"]));
    }

    [Fact]
    public void A_deleted_output_is_redone()
    {
        Run(new FakeProcessor());
        File.Delete(_temp["out/sub/c.png"]);
        var processor = new FakeProcessor();

        Run(processor);

        Assert.Equal(["sub/c.jpg"], processor.Calls);
        Assert.Equal("dreamed:C", File.ReadAllText(_temp["out/sub/c.png"]));
    }

    [Fact]
    public void An_output_without_a_record_is_redone_not_trusted()
    {
        _temp.Write("out/a.png", "left by a run killed before it could record it");
        File.SetLastWriteTimeUtc(_temp["out/a.png"], DateTime.UtcNow.AddHours(1));
        var processor = new FakeProcessor();

        Run(processor);

        Assert.Contains("a.jpg", processor.Calls);
        Assert.Equal("dreamed:A", File.ReadAllText(_temp["out/a.png"]));
    }

    [Fact]
    public void Cancellation_stops_after_the_current_item()
    {
        using var cancellation = new CancellationTokenSource();
        var processor = new FakeProcessor
        {
            BeforeWriting = (item, _, _) =>
            {
                if (item.RelativePath == "b.jpg")
                {
                    cancellation.Cancel();
                }
            },
        };

        BatchResult result = Run(processor, cancellationToken: cancellation.Token);

        Assert.Equal((4, 2, 0, 0, 2, true, ExitCodes.Interrupted), Summary(result));
        Assert.Equal(["a.jpg", "b.jpg"], processor.Calls);
        Assert.Equal(["a.png", "b.png"], OutputFiles());
        Assert.Equal(["a.jpg", "b.jpg"], Manifest().Select(record => record.Input));
    }

    [Fact]
    public void A_processor_that_stops_for_cancellation_leaves_its_item_unrecorded_and_remaining()
    {
        using var cancellation = new CancellationTokenSource();
        var processor = new FakeProcessor
        {
            BeforeWriting = (item, temporaryPath, token) =>
            {
                if (item.RelativePath == "b.jpg")
                {
                    File.WriteAllText(temporaryPath, "half");
                    cancellation.Cancel();
                    token.ThrowIfCancellationRequested();
                }
            },
        };

        BatchResult result = Run(processor, cancellationToken: cancellation.Token);

        Assert.Equal((4, 1, 0, 0, 3, true, ExitCodes.Interrupted), Summary(result));
        Assert.Equal(["a.png"], OutputFiles());
        Assert.Equal(["a.jpg"], Manifest().Select(record => record.Input));
    }

    [Fact]
    public void A_run_cancelled_before_it_starts_processes_nothing()
    {
        var processor = new FakeProcessor();

        BatchResult result = Run(processor, cancellationToken: new CancellationToken(canceled: true));

        Assert.Equal((4, 0, 0, 0, 4, true, ExitCodes.Interrupted), Summary(result));
        Assert.Empty(processor.Calls);
    }

    [Fact]
    public void Progress_reports_each_start_and_end_in_order()
    {
        var progress = new RecordingProgress();

        Run(new FakeProcessor { FailFor = ["d.png"] }, progress: progress);

        Assert.Equal(
            [
                (BatchEventKind.Started, "a.jpg", 1), (BatchEventKind.Done, "a.jpg", 1),
                (BatchEventKind.Started, "b.jpg", 2), (BatchEventKind.Done, "b.jpg", 2),
                (BatchEventKind.Started, "d.png", 3), (BatchEventKind.Failed, "d.png", 3),
                (BatchEventKind.Started, "sub/c.jpg", 4), (BatchEventKind.Done, "sub/c.jpg", 4),
            ],
            progress.Events.Select(e => (e.Kind, e.Item.RelativePath, e.Position)));
        Assert.All(progress.Events, e => Assert.Equal(4, e.Count));
        Assert.Equal($"{_temp["in/d.png"]}: not an image (unrecognised data)", progress.Events[5].Error);
        Assert.Null(progress.Events[1].Error);
    }

    [Fact]
    public void Shards_split_the_work_and_keep_separate_manifests_that_a_later_run_honours()
    {
        var first = new FakeProcessor();
        var second = new FakeProcessor();

        BatchResult one = Run(first, shard: Shard.Parse("1/2"));
        BatchResult two = Run(second, shard: Shard.Parse("2/2"));

        Assert.Empty(first.Calls.Intersect(second.Calls));
        Assert.Equal(["a.jpg", "b.jpg", "d.png", "sub/c.jpg"], first.Calls.Concat(second.Calls).Order(StringComparer.Ordinal));
        Assert.Equal((first.Calls.Count, second.Calls.Count), (one.Total, two.Total));
        Assert.Equal(first.Calls, Manifest("manifest.shard-1-of-2.jsonl").Select(record => record.Input));
        Assert.Equal(second.Calls, Manifest("manifest.shard-2-of-2.jsonl").Select(record => record.Input));
        Assert.False(File.Exists(_temp["out/manifest.jsonl"]));

        var whole = new FakeProcessor();
        Assert.Equal(4, Run(whole).Skipped);
        Assert.Empty(whole.Calls);
    }

    [Fact]
    public void Colliding_outputs_are_refused_before_anything_is_written()
    {
        _temp.Write("in/a.png", "other A");
        IReadOnlyList<BatchItem> items = BatchInputs.Resolve(["in"], recursive: true, workingDirectory: _temp.Path);
        var processor = new FakeProcessor();

        var error = Assert.Throws<BatchInputException>(
            () => new BatchRunner(_layout, Shard.Parse("1/3"), Settings, processor.Process).Run(items));

        Assert.EndsWith("would both be written to " + _temp["out/a.png"], error.Message);
        Assert.False(Directory.Exists(_temp["out"]));
    }

    [Fact]
    public void An_output_folder_that_is_a_file_is_refused()
    {
        _temp.Write("out", "not a folder");

        var error = Assert.Throws<BatchInputException>(() => Run(new FakeProcessor()));

        Assert.Equal($"{_temp["out"]}: the output folder is a file", error.Message);
    }

    private BatchResult Run(
        FakeProcessor processor,
        string settings = Settings,
        Shard? shard = null,
        IProgress<BatchEvent>? progress = null,
        CancellationToken cancellationToken = default) =>
        new BatchRunner(_layout, shard ?? Shard.All, settings, processor.Process).Run(_items, progress, cancellationToken);

    private static (int Total, int Done, int Skipped, int Failed, int Remaining, bool Cancelled, int ExitCode) Summary(
        BatchResult result) =>
        (result.Total, result.Done, result.Skipped, result.Failed, result.Remaining, result.Cancelled, result.ExitCode);

    /// <summary>Every file left in the output folder except manifests, relative and sorted; temporaries included.</summary>
    private string[] OutputFiles() =>
        Directory.EnumerateFiles(_temp["out"], "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(_temp["out"], path))
            .Where(path => !path.StartsWith("manifest", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private IReadOnlyList<ManifestRecord> Manifest(string fileName = "manifest.jsonl") =>
        BatchManifest.Read(Path.Combine(_temp["out"], fileName));
}
