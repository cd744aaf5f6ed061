using System.CommandLine;
using DeepDream.Dreaming;
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
        var output = new Option<string>("--out") { Description = "Folder for frame_00000.png, frame_00001.png, … and zoom.json (created if needed)", Required = true };
        var frames = new Option<int>("--frames") { Description = "Frames in the finished sequence, frame 0 included", DefaultValueFactory = _ => 30 };
        var zoom = new Option<double>("--zoom") { Description = "Magnification per frame about the centre (below 1 zooms out)", DefaultValueFactory = _ => 1.05 };
        var rotate = new Option<double>("--rotate") { Description = "Rotation per frame in degrees, anticlockwise", DefaultValueFactory = _ => 0 };
        var padding = new Option<WarpPadding>("--padding")
        {
            Description = "What fills the area a zoom-out or rotation reveals: the mirrored image, or the stretched edge [default: reflection]",
            HelpName = "reflection|border",
        };
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
            var plan = new ZoomPlan
            {
                Settings = dream.ToSettings(parse),
                Frames = parse.GetValue(frames),
                Motion = new ZoomMotion(parse.GetValue(zoom), parse.GetValue(rotate), parse.GetValue(padding)),
                Restart = parse.GetValue(restart),
            };
            plan.Validate();
            string? videoPath = parse.GetValue(video) is { } path ? Path.GetFullPath(path) : null;
            string? ffmpeg = videoPath is null ? null : FindFfmpeg(videoPath, parse.GetValue(fps));
            var read = new ImageReadOptions { MaxPixels = parse.GetValue(maxPixels) };
            string inputPath = parse.GetValue(input)!;
            if (videoPath is not null && inputPath != "-" && OutputPaths.IsSameFile(inputPath, videoPath))
                throw new UsageException($"--video {videoPath}: that is the input image; choose another name");
            if (plan.Restart && inputPath != "-" && Path.GetFullPath(inputPath).StartsWith(
                    Path.TrimEndingDirectorySeparator(Path.GetFullPath(parse.GetValue(output)!)) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new UsageException($"{inputPath}: --restart would delete it with the old frames; move it out of --out first");
            var start = console.ReadImage(inputPath, read, cancellation);
            var commonSettings = common.Read(parse);

            using var setup = DreamSetup.Open(parse, dream, plan.Settings, commonSettings, console, read, cancellation);
            var reporter = new ZoomReporter(console, commonSettings, setup.Settings);
            ZoomResult result;
            try
            {
                result = new ZoomSequence(setup.Model.Network).Run(start, plan with { Settings = setup.Settings, Guide = setup.Guide },
                    parse.GetValue(output)!, reporter, reporter.Steps, cancellation);
            }
            catch (ImageTooSmallException error)
            {
                throw error.For(inputPath == "-" ? "<stdin>" : inputPath);
            }
            if (ffmpeg is not null && !result.Cancelled)
            {
                FrameVideo.Assemble(ffmpeg, Path.Combine(result.Folder, ZoomSequence.FramePattern), result.Frames,
                    parse.GetValue(fps), videoPath!, cancellation);
            }
            reporter.Summary(result, result.Cancelled ? null : videoPath);
            return result.ExitCode;
        }));
        return command;
    }

    /// <summary>Checks --video and finds ffmpeg before any work, so a missing ffmpeg costs no dreaming.</summary>
    private static string FindFfmpeg(string videoPath, double fps)
    {
        FrameVideo.Validate(videoPath, fps);
        return FrameVideo.FindFfmpeg(Environment.GetEnvironmentVariable("PATH"))
            ?? throw new UsageException(
                $"--video {videoPath}: ffmpeg is not on PATH; install it, or leave out --video and assemble the frames yourself");
    }
}
