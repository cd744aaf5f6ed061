using System.Globalization;
using System.Text.Json;
using DeepDream.IO;
using DeepDream.Imaging;

namespace DeepDream.Video;

/// <summary>Reads a clip's video and audio streams with ffprobe.</summary>
public static class VideoProbe
{
    /// <summary>ffprobe's report on <paramref name="path"/>, reduced to what dreaming a clip needs.</summary>
    /// <exception cref="DreamInputException">
    /// The file is missing or not a regular file, not a video ffmpeg can read, or has no video stream.
    /// </exception>
    /// <exception cref="VideoAssemblyException">ffprobe cannot be started.</exception>
    public static VideoInfo Read(FfmpegTools tools, string path, CancellationToken cancellation = default)
    {
        // Opened once, as every outside file is, so a folder, a FIFO or a device is refused before ffprobe blocks on it.
        using (RegularFile.Open(path, long.MaxValue, "a video clip", message => new DreamInputException(message)))
        {
        }
        var result = tools.Probe(
        [
            "-v", "error", "-print_format", "json",
            "-show_entries", "stream=codec_type,codec_name,width,height,avg_frame_rate,r_frame_rate:stream_disposition=attached_pic:format=duration",
            "-i", FfmpegTools.FileArgument(path),
        ], cancellation);
        if (result.ExitCode != 0)
            throw new DreamInputException($"{path}: not a video ffmpeg can read ({result.LastErrorLine ?? "no message"})");
        return Parse(path, result.Output);
    }

    /// <summary>The <see cref="VideoInfo"/> in ffprobe's JSON report <paramref name="json"/>.</summary>
    /// <exception cref="DreamInputException">The report has no usable video stream.</exception>
    internal static VideoInfo Parse(string path, string json)
    {
        JsonDocument report;
        try
        {
            report = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new DreamInputException($"{path}: ffprobe's report cannot be read ({e.Message})", e);
        }
        using var _ = report;
        var streams = report.RootElement.TryGetProperty("streams", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().ToList()
            : [];
        // A cover picture is a video stream too; it is not the clip.
        var video = streams.FirstOrDefault(stream => Text(stream, "codec_type") == "video" && !IsAttachedPicture(stream));
        if (video.ValueKind != JsonValueKind.Object) throw new DreamInputException($"{path}: has no video stream");
        int width = Number(video, "width"), height = Number(video, "height");
        var rate = FrameRate.Parse(Text(video, "avg_frame_rate")) ?? FrameRate.Parse(Text(video, "r_frame_rate"));
        if (width < 1 || height < 1 || rate is null)
            throw new DreamInputException($"{path}: its video stream gives no usable size or frame rate");
        double? duration = report.RootElement.TryGetProperty("format", out var format)
            && double.TryParse(Text(format, "duration"), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            && seconds > 0
                ? seconds
                : null;
        var audio = streams.Where(stream => Text(stream, "codec_type") == "audio").Select(stream => Text(stream, "codec_name") ?? "unknown").ToList();
        return new VideoInfo(path, width, height, rate.Value, duration, audio);
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var disposition)
        && disposition.ValueKind == JsonValueKind.Object
        && disposition.TryGetProperty("attached_pic", out var flag)
        && flag.ValueKind == JsonValueKind.Number && flag.GetInt32() == 1;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static int Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) ? number : 0;
}
