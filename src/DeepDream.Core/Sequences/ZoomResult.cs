namespace DeepDream.Sequences;

/// <summary>What a zoom run did.</summary>
/// <param name="Folder">Absolute path of the output folder.</param>
/// <param name="Frames">Frames the finished sequence has.</param>
/// <param name="Kept">Frames an earlier run had made, kept as they were.</param>
/// <param name="Made">Frames dreamed by this run.</param>
/// <param name="Cancelled">Whether cancellation stopped the run before the last frame.</param>
/// <param name="Seconds">Wall-clock time of the run.</param>
/// <param name="Video">Absolute path of the video assembled from the frames; null when none was asked for or the run was cancelled.</param>
public sealed record ZoomResult(string Folder, int Frames, int Kept, int Made, bool Cancelled, double Seconds, string? Video = null)
{
    /// <summary>Frames still to make: a later run with the same settings continues from here.</summary>
    public int Remaining => Frames - Kept - Made;

    /// <summary><see cref="ExitCodes.Interrupted"/> when cancelled, otherwise <see cref="ExitCodes.Ok"/>.</summary>
    public int ExitCode => Cancelled ? ExitCodes.Interrupted : ExitCodes.Ok;
}
