using DeepDream.Dreaming;
using DeepDream.Sequences;

namespace DeepDream.Cli.Commands;

/// <summary>
/// What <c>dream zoom</c> prints: on a terminal, a progress line per frame on stderr; with <c>--json</c>, one JSON
/// line per written frame and a summary object on stdout; otherwise one summary line (none with <c>--quiet</c>).
/// </summary>
internal sealed class ZoomReporter(CliConsole console, CommonSettings common, DreamSettings settings) : IProgress<ZoomFrameEvent>
{
    private readonly StepProgress _steps = new(console, settings);

    /// <summary>Step progress for each frame's dream; null when nothing is shown.</summary>
    public DreamProgressFactory? Steps => _steps.FactoryFor(common);

    public void Report(ZoomFrameEvent value)
    {
        string label = $"[{value.Index + 1}/{value.Count}] {Path.GetFileName(value.Path)}";
        if (value.Stage == ZoomFrameStage.Started)
            _steps.Label = label;
        else if (common.Json)
            JsonLines.Write(console.Out, new ZoomFrameLine(value.Index, value.Path, Math.Round(value.Seconds, 3)));
        else if (common.ShowProgress(console))
            console.Error.WriteLine($"{label}  done in {value.Seconds:F1} s");
    }

    public void Summary(ZoomResult result, string? video)
    {
        if (common.Json)
        {
            JsonLines.Write(console.Out, new ZoomSummaryLine(result.Folder, result.Frames, result.Kept, result.Made,
                result.Remaining, result.Cancelled, Math.Round(result.Seconds, 3), video, result.ExitCode));
            return;
        }
        if (common.Quiet) return;
        string counts = $"{result.Kept} kept, {result.Made} made, {result.Seconds:F1} s";
        console.Out.WriteLine(result.Cancelled
            ? $"zoom: interrupted with {result.Remaining} of {result.Frames} frames left ({counts}); run the same command again to continue"
            : $"zoom: {result.Frames} frames in {result.Folder} ({counts})" + (video is null ? "" : $"; video {video}"));
    }
}
