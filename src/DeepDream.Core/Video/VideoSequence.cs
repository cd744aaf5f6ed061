using System.Globalization;
using DeepDream.Batch;
using DeepDream.Imaging;
using DeepDream.Pipeline;
using DeepDream.Sequences;

namespace DeepDream.Video;

/// <summary>
/// A clip in, a dreamed clip out: ffmpeg decodes the frames (shrunk to the dream's size limit, with even sides, at the
/// clip's frame rate) into a work folder, <see cref="FrameSequence"/> dreams them in order, and ffmpeg encodes them as
/// H.264 (yuv420p) at the same frame rate with the clip's sound. Each stage resumes: decoded frames are kept while the
/// clip and the plan's part of it are the same, dreamed frames are skipped as in a batch, and the clip is written
/// whole or not at all.
/// </summary>
/// <param name="pipeline">Dreams each frame.</param>
/// <param name="tools">ffmpeg and ffprobe (<see cref="FfmpegTools.Find"/>).</param>
public sealed class VideoSequence(DreamPipeline pipeline, FfmpegTools tools)
{
    /// <summary>The decoded and dreamed frames' file names, in printf form.</summary>
    public const string FramePattern = "frame_%06d.png";

    /// <summary>Audio codecs an MP4 can hold as they are; others are re-encoded as AAC.</summary>
    private static readonly string[] Mp4Audio = ["aac", "mp3", "ac3", "eac3", "opus", "alac"];

    /// <summary>Checks before any work that the plan's outputs can be written.</summary>
    /// <exception cref="DreamOutputException">
    /// The clip's folder is missing, the clip is a folder or the source itself, or the work folder cannot be used (a file
    /// in its way, someone else's files in it, the source or the clip inside it).
    /// </exception>
    public static void CheckOutputs(VideoPlan plan)
    {
        if (Directory.Exists(plan.Output)) throw new DreamOutputException($"{plan.Output}: is a folder; name the dreamed clip's file");
        OutputPaths.CheckFolderOf(plan.Output);
        if (OutputPaths.IsSameFile(plan.Source, plan.Output))
            throw new DreamOutputException($"{plan.Output}: that is the clip to dream; choose another name");
        var work = new VideoWorkFolder(plan.WorkFolder);
        if (OutputPaths.IsInside(plan.Source, work.Path) || OutputPaths.IsInside(plan.Output, work.Path))
            throw new DreamOutputException($"{work.Path}: the work folder must not hold the clip or the dreamed clip; name another");
        work.Check();
    }

    /// <summary>Dreams the clip <paramref name="info"/> describes as <paramref name="plan"/> says.</summary>
    /// <param name="info">The clip, from <see cref="VideoProbe.Read"/>.</param>
    /// <param name="stages">Told each stage as it begins.</param>
    /// <param name="frames">Told about each frame as it starts and ends.</param>
    /// <param name="dreamEvents">Told the plan, steps and octaves of each frame's dream.</param>
    /// <param name="cancellation">Stops ffmpeg, or the dream after its current step; finished frames are kept.</param>
    /// <exception cref="DreamOutputException">See <see cref="CheckOutputs"/>.</exception>
    /// <exception cref="DreamInputException">The part of the clip asked for has no frames.</exception>
    /// <exception cref="VideoAssemblyException">ffmpeg failed to decode or encode.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while ffmpeg ran.</exception>
    public VideoResult Run(VideoPlan plan, VideoInfo info, IProgress<VideoStage>? stages = null, IProgress<BatchEvent>? frames = null,
        IProgress<DreamEvent>? dreamEvents = null, CancellationToken cancellation = default)
    {
        CheckOutputs(plan);
        var work = new VideoWorkFolder(plan.WorkFolder);
        int maxSide = pipeline.Settings.MaxSide;
        work.Prepare(VideoDecoding.For(plan, info, maxSide), folder =>
        {
            stages?.Report(VideoStage.Decoding);
            Decode(plan, info, maxSide, folder, cancellation);
        });
        var items = BatchInputs.Resolve([work.Source], recursive: false, work.Dreamed);
        if (items.Count == 0)
            throw new DreamInputException($"{plan.Source}: no frames from {VideoPlan.Seconds(plan.Start ?? TimeSpan.Zero)} s on (past the clip's end?)");

        stages?.Report(VideoStage.Dreaming);
        var sequence = new FrameSequence(pipeline, ImageReadOptions.Default, ImageWriteOptions.Default, plan.Frames);
        var result = sequence.Run(items, new OutputLayout(work.Dreamed, "png"), frames, dreamEvents, cancellation);
        if (result.ExitCode != ExitCodes.Ok) return new VideoResult(result, null, work.Path, WorkKept: true);

        stages?.Report(VideoStage.Encoding);
        Encode(plan, info, work.Dreamed, cancellation);
        if (!plan.KeepWork) work.Remove();
        return new VideoResult(result, Path.GetFullPath(plan.Output), work.Path, WorkKept: plan.KeepWork);
    }

    /// <summary>
    /// ffmpeg's arguments to decode the plan's part of the clip into numbered PNGs in <paramref name="folder"/>: the
    /// first video stream, upright (ffmpeg applies a phone clip's rotation), square pixels, the longest side at most
    /// <paramref name="maxSide"/> (0: any), both sides even (as H.264 in yuv420p needs), at the clip's frame rate.
    /// </summary>
    internal static IReadOnlyList<string> DecodeArguments(VideoPlan plan, VideoInfo info, int maxSide, string folder)
    {
        // Display width (iw·sar) and height, scaled by f and floored to even numbers, never below 2.
        string scale = maxSide > 0 ? string.Create(CultureInfo.InvariantCulture, $"min(1,{maxSide}/max(iw*sar,ih))") : "1";
        string filter = $"scale=w='max(2,2*trunc(iw*sar*{scale}/2))':h='max(2,2*trunc(ih*{scale}/2))',setsar=1,fps={info.Rate}";
        return [.. Part(plan), "-i", FfmpegTools.FileArgument(plan.Source), "-map", "0:v:0", "-vf", filter,
            "-start_number", "1", FfmpegTools.FileArgument(Path.Combine(folder.Replace("%", "%%"), FramePattern))];
    }

    /// <summary>
    /// ffmpeg's arguments to encode the dreamed frames (all of them: the folder holds this decode's only) at the clip's
    /// rate as H.264 (yuv420p, quality 18) with every audio stream of the same part of the clip: copied when the
    /// container takes its codec, else AAC. (No frame count is given: ffmpeg's -frames:v would end the sound there too.)
    /// </summary>
    internal static IReadOnlyList<string> EncodeArguments(VideoPlan plan, VideoInfo info, string dreamedFolder, string output)
    {
        bool mp4 = Path.GetExtension(plan.Output).Equals(".mp4", StringComparison.OrdinalIgnoreCase);
        string pattern = FfmpegTools.FileArgument(Path.Combine(dreamedFolder.Replace("%", "%%"), FramePattern));
        List<string> arguments = ["-framerate", info.Rate.ToString(), "-start_number", "1", "-i", pattern];
        bool sound = info.AudioCodecs.Count > 0;
        if (sound) arguments.AddRange([.. Part(plan), "-i", FfmpegTools.FileArgument(plan.Source)]);
        arguments.AddRange(["-map", "0:v:0"]);
        if (sound) arguments.AddRange(["-map", "1:a"]);
        arguments.AddRange(["-c:v", "libx264", "-crf", "18", "-pix_fmt", "yuv420p", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"]);
        if (sound)
        {
            bool copy = !mp4 || info.AudioCodecs.All(codec => Mp4Audio.Contains(codec));
            arguments.AddRange(copy ? ["-c:a", "copy"] : ["-c:a", "aac", "-b:a", "192k"]);
        }
        if (mp4) arguments.AddRange(["-movflags", "+faststart"]);
        arguments.AddRange(["-f", mp4 ? "mp4" : "matroska", FfmpegTools.FileArgument(output)]);
        return arguments;
    }

    private void Decode(VideoPlan plan, VideoInfo info, int maxSide, string folder, CancellationToken cancellation)
    {
        var result = tools.Convert(DecodeArguments(plan, info, maxSide, folder), cancellation);
        if (result.ExitCode != 0)
            throw new VideoAssemblyException($"{plan.Source}: ffmpeg failed to decode it (exit code {result.ExitCode}): {result.LastErrorLine ?? "no message"}");
    }

    private void Encode(VideoPlan plan, VideoInfo info, string dreamedFolder, CancellationToken cancellation) =>
        AtomicFile.WriteByPath(plan.Output, temporary =>
        {
            var result = tools.Convert(EncodeArguments(plan, info, dreamedFolder, temporary), cancellation);
            if (result.ExitCode != 0)
                throw new VideoAssemblyException($"{plan.Output}: ffmpeg failed (exit code {result.ExitCode}): {result.LastErrorLine ?? "no message"}");
        });

    /// <summary>Input options that seek to the plan's start and stop after its duration.</summary>
    private static IEnumerable<string> Part(VideoPlan plan) =>
        (plan.Start is { } start ? ["-ss", VideoPlan.Seconds(start)] : Array.Empty<string>())
        .Concat(plan.Duration is { } duration ? ["-t", VideoPlan.Seconds(duration)] : []);
}
