using System.Diagnostics;
using System.Text.RegularExpressions;
using DeepDream.Imaging;

namespace DeepDream.Batch;

/// <summary>
/// Runs a batch so that it can be killed at any moment and resumed by running it again.
/// </summary>
/// <remarks>
/// <para>
/// For each item of its shard, in order: an item whose latest manifest record says done (or skipped) with the same
/// settings hash and output, and whose output file exists, is skipped. Any other item is processed, including one
/// whose output exists without a record: its origin is unknown, so it is redone rather than trusted. The processor
/// writes to a hidden temporary file beside the output (<c>.name.xxxxxxxx.tmp</c>, <see cref="AtomicFile"/>'s form); only
/// when it returns is the file synced and renamed to the final path, and then the manifest record appended. So a kill at any moment leaves
/// either no output or a complete one at each final path; a complete output whose record was not yet written is
/// redone next time. Temporary files a killed run left behind are deleted when the next run starts.
/// </para>
/// <para>
/// A file's own failure is recorded and the run goes on (see <see cref="BatchItemProcessor"/>); failed items are
/// retried by the next run. Cancellation stops the run before the next item, with the manifest on disk.
/// </para>
/// <para>
/// Items run one at a time, and there is deliberately no parallel mode (<c>--jobs</c>): one dream already keeps
/// every core busy inside torch, so items side by side would only compete for the cores and multiply the memory.
/// To spread a batch over machines, run one shard on each.
/// </para>
/// </remarks>
/// <param name="layout">Where outputs go.</param>
/// <param name="shard">Which part of the items this run processes; <see cref="Shard.All"/> for all.</param>
/// <param name="settingsKey">Canonical settings text, as for <see cref="SettingsHash.Compute"/>.</param>
/// <param name="processor">Does the work for one item.</param>
public sealed partial class BatchRunner(
    OutputLayout layout, Shard shard, string settingsKey, BatchItemProcessor processor)
{
    /// <summary>Processes this runner's shard of <paramref name="items"/>.</summary>
    /// <param name="items">All the batch's items (every shard's), as from <see cref="BatchInputs.Resolve"/>.</param>
    /// <param name="progress">
    /// Told about each item as it starts and ends. Reports are made on the running thread, but
    /// <see cref="Progress{T}"/> posts them on elsewhere, so pass a synchronous implementation to print in order.
    /// </param>
    /// <param name="cancellationToken">Stops the run before the next item (Ctrl-C).</param>
    /// <exception cref="BatchInputException">Outputs would collide or overwrite inputs, or --out is a file.</exception>
    public BatchResult Run(
        IReadOnlyList<BatchItem> items,
        IProgress<BatchEvent>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        layout.CheckOutputs(items);
        if (File.Exists(layout.Folder))
        {
            throw new BatchInputException($"{layout.Folder}: the output folder is a file");
        }
        Directory.CreateDirectory(layout.Folder);

        List<BatchItem> work = items.Where(shard.Contains).ToList();
        using BatchManifest manifest = BatchManifest.Open(layout.Folder, shard);
        DeleteLeftoverTemporaryFiles(work);

        int done = 0;
        int skipped = 0;
        var failures = new List<BatchFailure>();
        bool cancelled = false;
        for (int i = 0; i < work.Count; i++)
        {
            BatchItem item = work[i];
            int position = i + 1;
            ManifestRecord? record = cancellationToken.IsCancellationRequested
                ? null
                : Attempt(
                    item,
                    manifest,
                    () => progress?.Report(new BatchEvent(BatchEventKind.Started, item, position, work.Count, 0, null)),
                    cancellationToken);
            if (record is null)
            {
                cancelled = true;
                break;
            }

            manifest.Append(record);
            BatchEventKind kind;
            switch (record.Status)
            {
                case ManifestStatus.Done:
                    done++;
                    kind = BatchEventKind.Done;
                    break;
                case ManifestStatus.Skipped:
                    skipped++;
                    kind = BatchEventKind.Skipped;
                    break;
                default:
                    failures.Add(new BatchFailure(item, record.Error!));
                    kind = BatchEventKind.Failed;
                    break;
            }
            progress?.Report(new BatchEvent(kind, item, position, work.Count, record.Seconds, record.Error));
        }
        return new BatchResult(work.Count, done, skipped, failures, cancelled, clock.Elapsed.TotalSeconds);
    }

    /// <returns>The record to append, or null when the processor stopped because of cancellation.</returns>
    private ManifestRecord? Attempt(
        BatchItem item, BatchManifest manifest, Action reportStart, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        string outputPath = layout.OutputPath(item);
        string relativeOutput = layout.RelativeOutputPath(item);
        string settingsHash = "";

        ManifestRecord Record(ManifestStatus status, string? error = null) => new()
        {
            Input = item.RelativePath,
            Output = relativeOutput,
            SettingsHash = settingsHash,
            Status = status,
            Error = error,
            Seconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 3),
            Timestamp = DateTimeOffset.UtcNow,
        };

        try
        {
            settingsHash = SettingsHash.Compute(settingsKey, item.SourcePath);
            if (IsAlreadyDone(manifest.LatestFor(item.RelativePath), settingsHash, relativeOutput, outputPath))
            {
                return Record(ManifestStatus.Skipped);
            }

            reportStart();
            Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
            AtomicFile.WriteByPath(outputPath, temporaryPath => processor(item, temporaryPath, cancellationToken));
            return Record(ManifestStatus.Done);
        }
        catch (Exception e) when (e is DeepDreamException or IOException or UnauthorizedAccessException)
        {
            return Record(ManifestStatus.Failed, OneLine(e.Message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static bool IsAlreadyDone(
        ManifestRecord? latest, string settingsHash, string relativeOutput, string outputPath) =>
        latest is { Status: ManifestStatus.Done or ManifestStatus.Skipped }
        && latest.SettingsHash == settingsHash
        && latest.Output == relativeOutput
        && File.Exists(outputPath);

    /// <summary>
    /// Deletes the temporary files a killed run left beside this shard's outputs. Only this shard's: another shard
    /// may be writing its own in the same folders right now. Called with the shard's manifest locked, so no other
    /// run of this shard can be writing them.
    /// </summary>
    private void DeleteLeftoverTemporaryFiles(List<BatchItem> work)
    {
        IEnumerable<IGrouping<string, string>> outputsByFolder =
            work.Select(layout.OutputPath).GroupBy(path => Path.GetDirectoryName(path)!);
        foreach (IGrouping<string, string> folder in outputsByFolder)
        {
            if (!Directory.Exists(folder.Key))
            {
                continue;
            }
            HashSet<string> outputNames =
                folder.Select(path => Path.GetFileName(path)).ToHashSet(StringComparer.Ordinal);
            foreach (string file in Directory.EnumerateFiles(folder.Key, ".*.tmp"))
            {
                Match match = TemporaryNameRegex().Match(Path.GetFileName(file));
                if (match.Success && outputNames.Contains(match.Groups["output"].Value))
                {
                    File.Delete(file);
                }
            }
        }
    }

    private static string OneLine(string message) =>
        string.Join(
            ' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"^\.(?<output>.+?)(\.\d+@[0-9a-f]{8})?\.[0-9a-f]{8}\.tmp$")]
    private static partial Regex TemporaryNameRegex();
}
