using System.CommandLine;
using DeepDream.Imaging;
using DeepDream.Video;

namespace DeepDream.Cli.Commands;

/// <summary>
/// <c>dream video clip.mp4 -o dreamed.mp4</c>: decodes a clip's frames, dreams them in order (held steady by optical
/// flow by default) and encodes them at the clip's frame rate with its sound. Resumable like <c>dream frames</c>.
/// </summary>
public static class VideoCommand
{
    public static Command Create(CliConsole console)
    {
        var clip = new Argument<string>("clip") { Description = "Video to dream (any file ffmpeg reads)" };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "The dreamed clip (.mp4 or .mkv). Default: <clip>.dream.mp4 next to the clip",
        };
        var work = new Option<string?>("--work")
        {
            Description = "Folder for the decoded and dreamed frames, kept until the clip is written. Default: <output>.work next to the output",
        };
        var keepWork = new Option<bool>("--keep-work") { Description = "Keep the work folder (the frames) after the clip is written" };
        var start = ClipTime.Option("--start", "Dream the clip from this time on");
        var duration = ClipTime.Option("--duration", "Dream only this much of the clip");
        var coherence = new FrameCoherenceOptions(flowByDefault: true);
        var common = new CommonOptions();
        var dream = new DreamOptions();

        var command = new Command("video", "Dream a video clip: frames decoded, dreamed in order along the motion, encoded with the sound")
        {
            clip, output, work, keepWork, start, duration,
        };
        coherence.AddTo(command);
        common.AddTo(command);
        dream.AddTo(command);
        HelpWithExamples.AddTo(command,
            "Each frame's dream starts from the frame plus --blend of the previous frame's dream detail, moved along\n" +
            "the optical flow between the frames, so the patterns travel with the scene; where the flow cannot follow\n" +
            "(new ground, occlusions) and after a cut, the plain frame is dreamed. --no-flow blends in place instead.\n" +
            "The clip is written as H.264 at the source frame rate with the source's sound; frames wait in the work\n" +
            "folder, so re-running the same command after an interruption resumes. Needs ffmpeg and ffprobe on PATH.\n\n" +
            "Examples:\n" +
            "  dream video clip.mp4 -o dreamed.mp4 --max-size 480 --preset subtle\n" +
            "  dream video clip.mp4 -o part.mp4 --start 1:05 --duration 10 --layer-cycle mixed3,mixed4,mixed5\n" +
            "  dream video clip.mp4 -o blended.mp4 --no-flow --blend 0.5\n\n" +
            "Exit codes: 0 written, 1 runtime or ffmpeg failure (also: ffmpeg or ffprobe missing), 2 usage error,\n" +
            "3 the clip cannot be read, 4 some frames failed (no clip written), 130 interrupted.");

        // System.CommandLine installs its Ctrl-C / SIGTERM handler only after the action has returned its task, so
        // the work runs on the thread pool: a signal then cancels the token, and the run stops after the current step.
        command.SetAction((parse, cancellation) => Task.Run(() =>
        {
            var commonSettings = common.Read(parse);
            var settings = dream.ToSettings(parse);
            string source = parse.GetValue(clip)!;
            var plan = new VideoPlan
            {
                Source = source,
                Output = parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(source) ?? "", Path.GetFileNameWithoutExtension(source) + ".dream.mp4"),
                Work = parse.GetValue(work),
                Start = parse.GetValue(start),
                Duration = parse.GetValue(duration),
                KeepWork = parse.GetValue(keepWork),
                Frames = coherence.Read(parse, dream),
            };
            var tools = FfmpegTools.Find(Environment.GetEnvironmentVariable("PATH"));
            OutputChecks.Before(() => VideoSequence.CheckOutputs(plan));
            tools.CheckH264Encoder();
            var info = VideoProbe.Read(tools, plan.Source, cancellation);
            FrameCoherenceOptions.PrepareFlow(plan.Frames, commonSettings, console, cancellation);
            var read = ImageOptions.ReadOptions(ImageReadOptions.DefaultMaxPixels, console, commonSettings);

            using var setup = DreamSetup.Open(commonSettings, console, settings, dream.ReadGuide(parse, read), parse.GetValue(dream.Guide), cancellation);
            var reporter = new VideoReporter(console, commonSettings, plan);
            var result = new VideoSequence(setup.Pipeline, tools).Run(plan, info, reporter, reporter.Frames, reporter.Dreams, cancellation);
            reporter.Summary(result);
            return result.ExitCode;
        }));
        return command;
    }
}
