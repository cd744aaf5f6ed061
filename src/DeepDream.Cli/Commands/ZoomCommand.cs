using System.CommandLine;
using DeepDream.Imaging;
using DeepDream.Sequences;

namespace DeepDream.Cli.Commands;

/// <summary>
/// <c>dream zoom input --out dir</c>: the "long zoom", numbered PNG frames each dreamed on the previous one zoomed
/// in; resumable and extendable; optionally assembled into a video by ffmpeg.
/// </summary>
public static class ZoomCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new Argument<string>("image") { Description = "Image to start from (JPEG, PNG, WebP, BMP, GIF), or - for stdin" };
        var output = new Option<string>("--out", "-o") { Description = "Folder for frame_00000.png, frame_00001.png, … and zoom.json (created if needed)", Required = true };
        var frames = new Option<int>("--frames") { Description = "Frames in the finished sequence, frame 0 included", DefaultValueFactory = _ => 30 };
        var zoom = new Option<double>("--zoom") { Description = "Magnification per frame about the centre (below 1 zooms out)", DefaultValueFactory = _ => 1.05 };
        var rotate = new Option<double>("--rotate") { Description = "Rotation per frame in degrees, anticlockwise", DefaultValueFactory = _ => 0 };
        var padding = OptionValues.Choice<WarpPadding>("--padding",
            "What fills the area a zoom-out or rotation reveals: the mirrored image, or the stretched edge");
        var restart = new Option<bool>("--restart") { Description = "Delete the frames already in --out and start over" };
        var video = new Option<string?>("--video") { Description = "Also assemble the frames into this .mp4 or .gif (needs ffmpeg on PATH)" };
        var fps = new Option<double>("--fps") { Description = "Frame rate of --video", DefaultValueFactory = _ => 24 };
        var maxPixels = ImageOptions.MaxPixels();
        var common = new CommonOptions();
        var dream = new DreamOptions();

        var command = new Command("zoom", "Make a long zoom: each frame is the previous dreamed frame zoomed in and dreamed again")
        {
            input, output, frames, zoom, rotate, padding, restart, video, fps, maxPixels,
        };
        common.AddTo(command);
        dream.AddTo(command);
        HelpWithExamples.AddTo(command,
            "Frame 0 is the dreamed input; each later frame is the previous one zoomed in about the centre (and\n" +
            "rotated), dreamed again. Frames are numbered PNGs in --out. Re-running the same command continues an\n" +
            "interrupted sequence, and a larger --frames extends a finished one.\n\n" +
            "Examples:\n" +
            "  dream zoom photo.jpg --out zoom/ --frames 120 --zoom 1.04 --max-size 720\n" +
            "  dream zoom photo.jpg --out spiral/ --frames 60 --rotate 1.5 --video spiral.mp4\n" +
            "  ffmpeg -framerate 24 -i zoom/frame_%05d.png -pix_fmt yuv420p zoom.mp4   # what --video does\n\n" +
            "Exit codes: 0 done, 1 runtime or ffmpeg failure, 2 usage error (also: --out holds another zoom),\n" +
            "3 bad input image, 130 interrupted.");

        // System.CommandLine installs its Ctrl-C / SIGTERM handler only after the action has returned its task, so
        // the work runs on the thread pool: a signal then cancels the token, and the run stops after the current step.
        command.SetAction((parse, cancellation) => Task.Run(() =>
        {
            var commonSettings = common.Read(parse);
            var settings = dream.ToSettings(parse);
            var plan = new ZoomPlan
            {
                Folder = parse.GetValue(output)!,
                Frames = parse.GetValue(frames),
                Motion = new ZoomMotion(parse.GetValue(zoom), parse.GetValue(rotate), parse.GetValue(padding)),
                Restart = parse.GetValue(restart),
                Video = parse.GetValue(video),
                Fps = parse.GetValue(fps),
            };
            string inputPath = parse.GetValue(input)!;
            if (plan.Video is not null && inputPath != "-" && OutputPaths.IsSameFile(inputPath, plan.Video))
                throw new UsageException($"--video {plan.Video}: that is the input image; choose another name");
            if (plan.Restart && inputPath != "-" && OutputPaths.IsInside(inputPath, plan.Folder))
                throw new UsageException($"{inputPath}: --restart would delete it with the old frames; move it out of --out first");
            OutputChecks.Before(() => ZoomSequence.CheckOutputs(plan));
            var read = ImageOptions.ReadOptions(parse.GetValue(maxPixels), console, commonSettings);
            var start = console.ReadImage(inputPath, read, cancellation);

            using var setup = DreamSetup.Open(commonSettings, console, settings, dream.ReadGuide(parse, read), parse.GetValue(dream.Guide), cancellation);
            setup.Pipeline.CheckFits(start, inputPath == "-" ? "<stdin>" : inputPath);
            var reporter = new ZoomReporter(console, commonSettings);
            var result = new ZoomSequence(setup.Pipeline).Run(start, plan, reporter, reporter.Dreams, cancellation);
            reporter.Summary(result);
            return result.ExitCode;
        }));
        return command;
    }
}
