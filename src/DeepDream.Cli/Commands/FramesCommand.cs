using System.CommandLine;
using System.Globalization;
using DeepDream.Batch;
using DeepDream.Imaging;
using DeepDream.Sequences;

namespace DeepDream.Cli.Commands;

/// <summary>
/// <c>dream frames dir --out dir</c>: dreams a video's frames in order, each starting from a blend of the previous
/// dreamed frame and itself so the patterns stay put. Resumable like a batch (it runs on the same machinery).
/// </summary>
public static class FramesCommand
{
    public static Command Create(CliConsole console)
    {
        var frames = new Argument<string>("frames")
        {
            Description = "Folder of frames (or a glob or @list.txt), taken in name order with numbers compared as numbers",
        };
        var coherence = new FrameCoherenceOptions(flowByDefault: false);
        var output = new BatchOutputOptions(defaultFormat: "png");
        var common = new CommonOptions();
        var dream = new DreamOptions();

        var command = new Command("frames", "Dream a video's frames in order, each starting from a blend with the previous dreamed frame")
        {
            frames,
        };
        coherence.AddTo(command);
        output.AddTo(command);
        common.AddTo(command);
        dream.AddTo(command);
        HelpWithExamples.AddTo(command,
            "Each frame starts from blend x (previous dreamed frame) + (1 - blend) x (the frame), so patterns flow\n" +
            "instead of flickering; with --flow, from the frame plus blend x the previous frame's dream detail moved\n" +
            "along the optical flow, so patterns travel with the scene. Frame i dreams with seed --seed + i (and with\n" +
            "--layer-cycle, the cycle's entry i). Re-running the same command resumes where it stopped.\n" +
            "`dream video` does all of this from a clip, with its frame rate and sound.\n\n" +
            "Examples:\n" +
            "  ffmpeg -i clip.mp4 frames/%05d.png\n" +
            "  dream frames frames/ --out dreamed/ --blend 0.5 --preset subtle\n" +
            "  dream frames frames/ --out dreamed/ --flow --blend 0.8 --layer-cycle mixed3,mixed4\n" +
            "  ffmpeg -framerate 25 -i dreamed/%05d.png -pix_fmt yuv420p dreamed.mp4\n\n" +
            "Exit codes: 0 all done, 2 usage error, 3 no usable frames, 4 some frames failed (see the manifest), 130 interrupted.");

        // System.CommandLine installs its Ctrl-C / SIGTERM handler only after the action has returned its task, so
        // the work runs on the thread pool: a signal then cancels the token, and the run stops after the current step.
        command.SetAction((parse, cancellation) => Task.Run(() =>
        {
            var commonSettings = common.Read(parse);
            var settings = dream.ToSettings(parse);
            var frameOptions = coherence.Read(parse, dream);
            var layout = output.Layout(parse);
            OutputChecks.Before(() => OutputPaths.CheckOutputFolder(layout.Folder));
            var items = BatchInputs.Resolve([parse.GetValue(frames)!], recursive: false, layout.Folder);
            var read = output.Read(parse, console, commonSettings);
            FrameCoherenceOptions.PrepareFlow(frameOptions, commonSettings, console, cancellation);

            using var setup = DreamSetup.Open(commonSettings, console, settings, dream.ReadGuide(parse, read), parse.GetValue(dream.Guide), cancellation);
            var reporter = new BatchReporter("frames", console, commonSettings, layout);
            var sequence = new FrameSequence(setup.Pipeline, read, output.Write(parse), frameOptions);
            var result = sequence.Run(items, layout, reporter, reporter.Dreams, cancellation);
            reporter.Summary(result, Shard.All);
            return result.ExitCode;
        }));
        return command;
    }
}
