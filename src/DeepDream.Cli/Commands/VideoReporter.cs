using DeepDream.Batch;
using DeepDream.Cli.Progress;
using DeepDream.Video;

namespace DeepDream.Cli.Commands;

/// <summary>
/// What <c>dream video</c> prints: the frames as <c>dream frames</c> prints them (<see cref="BatchReporter"/>), each
/// stage's start on a terminal, and a summary naming the dreamed clip: one line on stdout (none with <c>--quiet</c>), or
/// with <c>--json</c> a summary object.
/// </summary>
internal sealed class VideoReporter(CliConsole console, CommonSettings common, VideoPlan plan) : IProgress<VideoStage>
{
    private readonly bool _terminal = common.ShowProgress(console);

    /// <summary>Told about each frame.</summary>
    public BatchReporter Frames { get; } = new("video", console, common, new OutputLayout(plan.DreamedFrames, "png"));

    /// <summary>The status line for each frame's dream; null when nothing is shown.</summary>
    public DreamProgressLine? Dreams => Frames.Dreams;

    public void Report(VideoStage value)
    {
        if (!_terminal) return;
        console.Error.WriteLine(value switch
        {
            VideoStage.Decoding => $"decoding {plan.Source} into {plan.WorkFolder}",
            VideoStage.Dreaming => "dreaming the frames",
            _ => $"encoding {plan.Output}",
        });
    }

    public void Summary(VideoResult result)
    {
        var frames = result.Frames;
        if (common.Json)
        {
            var failures = frames.Failures.Select(failure => new FailureLine(failure.Item.RelativePath, failure.Error)).ToList();
            JsonLines.Write(console.Out, new VideoSummaryLine(Path.GetFullPath(plan.Source), result.Output, frames.Total, frames.Done,
                frames.Skipped, frames.Failed, frames.Remaining, frames.Cancelled, Math.Round(frames.Seconds, 3), result.Work,
                result.WorkKept, failures, result.ExitCode));
            return;
        }
        if (common.Quiet) return;
        string counts = $"{frames.Done} dreamed, {frames.Skipped} kept from an earlier run, {frames.Failed} failed, {frames.Seconds:F1} s";
        console.Out.WriteLine(
            frames.Cancelled ? $"video: interrupted with {frames.Remaining} of {frames.Total} frames left ({counts}); run the same command again to resume"
            : result.Output is null ? $"video: {frames.Failed} of {frames.Total} frames failed, so no clip was written; see {Path.Combine(plan.DreamedFrames, BatchManifest.FileName(Shard.All))}"
            : $"video: {result.Output} ({frames.Total} frames: {counts})" + (result.WorkKept ? $"; frames kept in {result.Work}" : ""));
    }
}
