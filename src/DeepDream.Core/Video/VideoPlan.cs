using System.Globalization;
using DeepDream.Dreaming;
using DeepDream.Sequences;

namespace DeepDream.Video;

/// <summary>What <see cref="VideoSequence"/> should make from a clip, and where; each value is checked as it is set.</summary>
public sealed record VideoPlan
{
    /// <summary>The output containers the dreamed clip can be written as, by extension.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".mp4", ".mkv"];

    /// <summary>The clip to dream (any file ffmpeg reads).</summary>
    public required string Source { get; init; }

    /// <summary>The dreamed clip: .mp4 or .mkv, H.264 with the source's sound.</summary>
    public required string Output
    {
        get;
        init => field = Extensions.Contains(Path.GetExtension(value).ToLowerInvariant())
            ? value
            : throw new DreamSettingsException(nameof(Output), value, "the dreamed clip must be a .mp4 or .mkv file");
    }

    /// <summary>
    /// The folder for the decoded and dreamed frames, kept until the clip is written so an interrupted run resumes;
    /// null for <see cref="DefaultWorkFolder"/>.
    /// </summary>
    public string? Work { get; init; }

    /// <summary>Where in the clip to start, from its beginning; null for the beginning.</summary>
    public TimeSpan? Start
    {
        get;
        init => field = value is null || value >= TimeSpan.Zero
            ? value
            : throw new DreamSettingsException(nameof(Start), Seconds(value.Value), "must not be negative");
    }

    /// <summary>How much of the clip to dream; null for all of it from <see cref="Start"/>.</summary>
    public TimeSpan? Duration
    {
        get;
        init => field = value is null || value > TimeSpan.Zero
            ? value
            : throw new DreamSettingsException(nameof(Duration), Seconds(value.Value), "must be above 0");
    }

    /// <summary>Keep the work folder after the clip is written (else it is removed).</summary>
    public bool KeepWork { get; init; }

    /// <summary>Coherence between frames and the layer cycle.</summary>
    public FrameOptions Frames { get; init; } = new() { Flow = true };

    /// <summary>The work folder: <see cref="Work"/>, else <c>dreamed.mp4.work</c> beside the output.</summary>
    public string WorkFolder => Work ?? DefaultWorkFolder(Output);

    /// <summary>The dreamed frames' folder inside <see cref="WorkFolder"/>, with their manifest.</summary>
    public string DreamedFrames => Path.Combine(WorkFolder, VideoWorkFolder.DreamedName);

    /// <summary><c>dreamed.mp4.work</c> beside <paramref name="output"/>.</summary>
    public static string DefaultWorkFolder(string output) => Path.GetFullPath(output) + ".work";

    /// <summary>Seconds in the invariant form ffmpeg reads, e.g. <c>12.5</c>.</summary>
    internal static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);
}
