using DeepDream.Batch;
using DeepDream.Cli.Progress;

namespace DeepDream.Cli.Commands;

/// <summary>
/// What <c>dream batch</c> and <c>dream frames</c> print. On a terminal: a status line while each item is dreamed
/// (with the whole run's time left) and a line per finished item, on stderr. With <c>--json</c>: one JSON line per
/// finished item and a summary object, on stdout. Otherwise stdout gets one summary line (none with <c>--quiet</c>),
/// and stderr only the failed items, so pipes and logs stay clean.
/// </summary>
internal sealed class BatchReporter(string command, CliConsole console, CommonSettings common, OutputLayout layout)
    : IProgress<BatchEvent>
{
    private readonly bool _terminal = common.ShowProgress(console);
    private readonly RunEstimate _run = new();

    /// <summary>The status line for each item's dream; null when nothing is shown.</summary>
    public DreamProgressLine? Dreams => field ??= _terminal ? new DreamProgressLine(console, _run) : null;

    public void Report(BatchEvent value)
    {
        string label = $"[{value.Position}/{value.Count}] {value.Item.RelativePath}";
        if (value.Kind == BatchEventKind.Started)
        {
            _run.Start(value.Position, value.Count);
            Dreams?.Label = label;
            return;
        }
        if (value.Kind != BatchEventKind.Skipped) _run.Finish();
        if (common.Json)
        {
            string? output = value.Kind == BatchEventKind.Failed ? null : layout.OutputPath(value.Item);
            JsonLines.Write(console.Out,
                new ItemLine(value.Kind.ToString().ToLowerInvariant(), value.Item.RelativePath, output, value.Seconds, value.Error));
        }
        else if (value.Kind == BatchEventKind.Failed)
        {
            console.Error.WriteLine(_terminal ? $"{label}  failed: {value.Error}" : $"dream: {command}: failed: {value.Item.RelativePath}: {value.Error}");
        }
        else if (_terminal)
        {
            console.Error.WriteLine(value.Kind == BatchEventKind.Done
                ? $"{label}  done in {value.Seconds:F1} s"
                : $"{label}  skipped: already done");
        }
    }

    public void Summary(BatchResult result, Shard shard)
    {
        string manifest = Path.Combine(layout.Folder, BatchManifest.FileName(shard));
        if (common.Json)
        {
            var failures = result.Failures.Select(failure => new FailureLine(failure.Item.RelativePath, failure.Error)).ToList();
            JsonLines.Write(console.Out, new BatchSummaryLine(command, shard.ToString(), result.Total, result.Done, result.Skipped,
                result.Failed, result.Remaining, result.Cancelled, Math.Round(result.Seconds, 3), manifest, failures, result.ExitCode));
            return;
        }
        if (common.Quiet) return;
        string name = shard.Count > 1 ? $"{command} (shard {shard})" : command;
        string counts = $"{result.Done} done, {result.Skipped} skipped, {result.Failed} failed of {result.Total} in {result.Seconds:F1} s";
        console.Out.WriteLine(result.Cancelled
            ? $"{name}: interrupted with {result.Remaining} left ({counts}); run the same command again to resume"
            : $"{name}: {counts}; manifest {manifest}");
    }
}
