using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace DeepDream.Tests.Video;

/// <summary>Tiny clips made with ffmpeg, and what ffprobe says about a clip.</summary>
internal static class TestClips
{
    /// <summary>
    /// A clip of ffmpeg's moving test pattern: <paramref name="frames"/> frames of <paramref name="width"/> ×
    /// <paramref name="height"/> at <paramref name="rate"/> frames per second (H.264), with a tone (AAC) unless
    /// <paramref name="sound"/> is false.
    /// </summary>
    public static string Make(string path, int width, int height, int frames, int rate, bool sound = true)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string seconds = ((double)frames / rate).ToString("R", CultureInfo.InvariantCulture);
        List<string> arguments = ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate={rate}"];
        if (sound) arguments.AddRange(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=22050"]);
        arguments.AddRange(["-frames:v", frames.ToString(CultureInfo.InvariantCulture), "-t", seconds, "-c:v", "libx264", "-pix_fmt", "yuv444p"]);
        if (sound) arguments.AddRange(["-c:a", "aac"]);
        arguments.Add("file:" + path);
        Run("ffmpeg", arguments);
        return path;
    }

    /// <summary>ffprobe's view of each stream: its type, codec, size, pixel format, frame rate and frame count.</summary>
    public static IReadOnlyList<ClipStream> Probe(string path)
    {
        string json = Run("ffprobe", ["-v", "error", "-count_frames", "-print_format", "json",
            "-show_entries", "stream=codec_type,codec_name,width,height,pix_fmt,r_frame_rate,nb_read_frames", "-i", "file:" + path]);
        using var report = JsonDocument.Parse(json);
        return report.RootElement.GetProperty("streams").EnumerateArray().Select(stream => new ClipStream(
            stream.GetProperty("codec_type").GetString()!,
            stream.GetProperty("codec_name").GetString()!,
            stream.TryGetProperty("width", out var width) ? width.GetInt32() : 0,
            stream.TryGetProperty("height", out var height) ? height.GetInt32() : 0,
            stream.TryGetProperty("pix_fmt", out var format) ? format.GetString() : null,
            stream.GetProperty("r_frame_rate").GetString()!,
            stream.TryGetProperty("nb_read_frames", out var count) ? int.Parse(count.GetString()!, CultureInfo.InvariantCulture) : 0)).ToList();
    }

    private static string Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {error.Result}");
        return output;
    }
}
