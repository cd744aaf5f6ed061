using DeepDream.Batch;

namespace DeepDream.Video;

/// <summary>How dreaming a clip ended.</summary>
/// <param name="Frames">How the frames' dreams went.</param>
/// <param name="Output">The dreamed clip, written whole; null when it was not written (frames failed, or interrupted).</param>
/// <param name="Work">The work folder; kept (for a rerun, or as asked) unless the clip was written without asking to keep it.</param>
/// <param name="WorkKept">Whether <paramref name="Work"/> is still there.</param>
public sealed record VideoResult(BatchResult Frames, string? Output, string Work, bool WorkKept)
{
    /// <summary>0 written, 4 some frames failed (no clip), 130 interrupted (no clip).</summary>
    public int ExitCode => Frames.ExitCode;
}
