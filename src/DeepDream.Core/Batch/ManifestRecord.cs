namespace DeepDream.Batch;

/// <summary>One line of a batch manifest: how one attempt at one item ended.</summary>
public sealed record ManifestRecord
{
    /// <summary>The input's <see cref="BatchItem.RelativePath"/>.</summary>
    public required string Input { get; init; }

    /// <summary>The output's path relative to the output folder.</summary>
    public required string Output { get; init; }

    /// <summary>
    /// The <see cref="Batch.SettingsHash"/> of the input and settings; empty when the input was unreadable.
    /// </summary>
    public required string SettingsHash { get; init; }

    /// <summary>How the attempt ended.</summary>
    public required ManifestStatus Status { get; init; }

    /// <summary>One-line reason for a failure; null otherwise.</summary>
    public string? Error { get; init; }

    /// <summary>Wall-clock seconds the attempt took.</summary>
    public required double Seconds { get; init; }

    /// <summary>When the attempt ended (UTC).</summary>
    public required DateTimeOffset Timestamp { get; init; }
}
