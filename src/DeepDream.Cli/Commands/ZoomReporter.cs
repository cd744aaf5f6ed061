using DeepDream.Cli.Progress;
using DeepDream.Sequences;

namespace DeepDream.Cli.Commands;

/// <summary>
/// What <c>dream zoom</c> prints: on a terminal, a status line while each frame is dreamed (with the whole zoom's
/// time left) and a line per frame on stderr; with <c>--json</c>, one JSON line per written frame and a summary
/// object on stdout; otherwise one summary line (none with <c>--quiet</c>).
/// </summary>
internal sealed class ZoomReporter(CliConsole console, CommonSettings common) : IProgress<ZoomFrameEvent>
{
    private readonly bool _terminal = common.ShowProgress(console);
    private readonly RunEstimate _run = new();

    /// <summary>The status line for each frame's dream; null when nothing is shown.</summary>
    public DreamProgressLine? Dreams => field ??= _terminal ? new DreamProgressLine(console, _run) : null;

    public void Report(ZoomFrameEvent value)
    {
        string label = $"[{value.Index + 1}/{value.Count}] {Path.GetFileName(value.Path)}";
        if (value.Stage == ZoomFrameStage.Started)
        {
            _run.Start(value.Index + 1, value.Count);
            Dreams?.Label = label;
            return;
        }
        _run.Finish();
        if (common.Json)
            JsonLines.Write(console.Out, new ZoomFrameLine(value.Index, value.Path, Math.Round(value.Seconds, 3)));
        else if (_terminal)
            console.Error.WriteLine($"{label}  done in {value.Seconds:F1} s");
    }

    public void Summary(ZoomResult result)
    {
        if (common.Json)
        {
            JsonLines.Write(console.Out, new ZoomSummaryLine(result.Folder, result.Frames, result.Kept, result.Made,
                result.Remaining, result.Cancelled, Math.Round(result.Seconds, 3), result.Video, result.ExitCode));
            return;
        }
        if (common.Quiet) return;
        string counts = $"{result.Kept} kept, {result.Made} made, {result.Seconds:F1} s";
        console.Out.WriteLine(result.Cancelled
            ? $"zoom: interrupted with {result.Remaining} of {result.Frames} frames left ({counts}); run the same command again to continue"
            : $"zoom: {result.Frames} frames in {result.Folder} ({counts})" + (result.Video is null ? "" : $"; video {result.Video}"));
    }
}
