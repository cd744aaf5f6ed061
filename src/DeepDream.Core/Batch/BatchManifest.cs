using System.Text;
using System.Text.Json;
using DeepDream.IO;

namespace DeepDream.Batch;

/// <summary>
/// The batch's log of finished attempts, in JSON Lines in the output folder: <c>manifest.jsonl</c>, or
/// <c>manifest.shard-k-of-N.jsonl</c> for a shard, so that shards running at the same time never write one file.
/// One process per shard: the shard is locked while its manifest is open, so a second run of the same shard is refused
/// instead of interleaving its lines with the first's.
/// </summary>
/// <remarks>
/// Each line is written in one call and, for done and failed items, forced to disk before the next item starts, so a
/// kill loses at most the line being written. Reading ignores a last line without its newline (cut short by a
/// kill) and any line that is not a whole record; opening for writing removes such a cut-short tail, so the next
/// line starts clean.
/// </remarks>
public sealed class BatchManifest : IDisposable
{
    private const string FileNamePattern = "manifest*.jsonl";

    /// <summary>Far above a million records; a larger "manifest" is something else.</summary>
    private const long MaxBytes = 256L << 20;

    private readonly ExclusiveLock _lock;
    private readonly FileStream _stream;
    private readonly Dictionary<string, ManifestRecord> _latestByInput;

    private BatchManifest(string path, ExclusiveLock held, FileStream stream, Dictionary<string, ManifestRecord> latestByInput)
    {
        FilePath = path;
        _lock = held;
        _stream = stream;
        _latestByInput = latestByInput;
    }

    /// <summary>Absolute path of the file this manifest appends to.</summary>
    public string FilePath { get; }

    /// <summary>The manifest file name for <paramref name="shard"/>.</summary>
    public static string FileName(Shard shard) =>
        shard.Count == 1 ? "manifest.jsonl" : $"manifest.shard-{shard.Index}-of-{shard.Count}.jsonl";

    /// <summary>
    /// Opens this shard's manifest for appending (creating it if needed) under an exclusive advisory lock (on
    /// <c>.manifest….jsonl.lock</c> beside it, so readers of the manifest never meet it), then reads every manifest in
    /// <paramref name="outputFolder"/> (any shard split, so work done under another split is still recognised). The lock
    /// lives as long as this object or the process: a killed run leaves no stale lock.
    /// </summary>
    /// <exception cref="BatchInputException">Another process holds this shard's manifest, or it is not a regular file.</exception>
    public static BatchManifest Open(string outputFolder, Shard shard)
    {
        string path = Path.Combine(outputFolder, FileName(shard));
        var (held, stream) = OpenLocked(path);
        try
        {
            DropUnterminatedLastLine(stream);
            var latestByInput = new Dictionary<string, ManifestRecord>(StringComparer.Ordinal);
            foreach (string file in Directory.EnumerateFiles(outputFolder, FileNamePattern).Order(StringComparer.Ordinal))
            {
                foreach (ManifestRecord record in Read(file))
                {
                    KeepIfLatest(latestByInput, record);
                }
            }
            return new BatchManifest(path, held, stream, latestByInput);
        }
        catch
        {
            stream.Dispose();
            held.Dispose();
            throw;
        }
    }

    /// <summary>The whole records in a manifest file, in file order.</summary>
    /// <exception cref="BatchInputException">The file is not a regular file, or is larger than any manifest.</exception>
    public static IReadOnlyList<ManifestRecord> Read(string path)
    {
        string text;
        // Other shards may be appending to their files while this one reads them; this read takes no lock.
        using (var file = RegularFile.Open(path, MaxBytes, "a batch manifest", message => new BatchInputException(message)))
        {
            text = file.ReadAllText(Encoding.UTF8);
        }
        string[] lines = text.Split('\n');
        // The piece after the last newline is either empty or a line that a kill cut short.
        return lines[..^1].Select(ParseOrNull).OfType<ManifestRecord>().ToList();
    }

    /// <summary>The most recent record for an input across all manifests read and appended; null if none.</summary>
    public ManifestRecord? LatestFor(string input) => _latestByInput.GetValueOrDefault(input);

    /// <summary>Appends one record; done and failed records are on disk (fsync) when this returns.</summary>
    public void Append(ManifestRecord record)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(record, ManifestJsonContext.Default.ManifestRecord);
        _stream.Write([.. json, (byte)'\n']);
        // A lost "skipped" line costs no work, so it is not worth a disk sync per item on a large resumed batch.
        _stream.Flush(flushToDisk: record.Status != ManifestStatus.Skipped);
        KeepIfLatest(_latestByInput, record);
    }

    public void Dispose()
    {
        _stream.Dispose();
        _lock.Dispose();
    }

    /// <summary>
    /// Takes the shard's lock, then opens its manifest for reading and appending, or refuses: two processes appending
    /// to one manifest would lose or glue lines.
    /// </summary>
    private static (ExclusiveLock Lock, FileStream Stream) OpenLocked(string path)
    {
        string lockPath = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.lock");
        var held = ExclusiveLock.TryAcquire(lockPath) ?? throw new BatchInputException(
            $"{path}: another dream batch is running on this output folder and shard; wait for it to finish, or choose another --out");
        try
        {
            if (new FileInfo(path).LinkTarget is not null)
                throw new BatchInputException($"{path}: is a symbolic link; a manifest must be a regular file");
            // Unbuffered, so every line reaches the operating system as soon as it is written.
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
            if (stream.CanSeek) return (held, stream);
            stream.Dispose();
            throw new BatchInputException($"{path}: not a regular file; a manifest must be one");
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    private static void KeepIfLatest(Dictionary<string, ManifestRecord> latestByInput, ManifestRecord record)
    {
        if (!latestByInput.TryGetValue(record.Input, out ManifestRecord? known) || record.Timestamp >= known.Timestamp)
        {
            latestByInput[record.Input] = record;
        }
    }

    private static ManifestRecord? ParseOrNull(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, ManifestJsonContext.Default.ManifestRecord);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Cuts the file back to just after its last newline and leaves the position at the end.</summary>
    private static void DropUnterminatedLastLine(FileStream stream)
    {
        var chunk = new byte[4096];
        long end = stream.Length;
        long keep = 0;
        while (end > 0)
        {
            int count = (int)Math.Min(chunk.Length, end);
            stream.Position = end - count;
            stream.ReadExactly(chunk, 0, count);
            int newline = Array.LastIndexOf(chunk, (byte)'\n', count - 1, count);
            if (newline >= 0)
            {
                keep = end - count + newline + 1;
                break;
            }
            end -= count;
        }
        stream.SetLength(keep);
        stream.Position = keep;
    }
}
