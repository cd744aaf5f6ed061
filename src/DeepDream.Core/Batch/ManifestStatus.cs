using System.Text.Json.Serialization;

namespace DeepDream.Batch;

/// <summary>How an attempt at one batch item ended.</summary>
public enum ManifestStatus
{
    /// <summary>The output was written.</summary>
    [JsonStringEnumMemberName("done")]
    Done,

    /// <summary>The item failed; <see cref="ManifestRecord.Error"/> says why. It is retried on the next run.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>An earlier run had already made this output with the same settings, so it was left alone.</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,
}
