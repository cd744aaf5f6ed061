using System.ComponentModel;
using System.Globalization;
using DeepDream.Imaging;
using DeepDream.Runtime;

namespace DeepDream.Sequences;

/// <summary>
/// Turns numbered frames into an MP4 or GIF with ffmpeg, when it is installed. Optional: the frames are the
/// product; this only saves typing the ffmpeg command.
/// </summary>
public static class FrameVideo
{
    /// <summary>The ffmpeg executable in the folders of <paramref name="searchPath"/> (PATH's form); null if none.</summary>
    public static string? FindFfmpeg(string? searchPath) => ChildProcess.FindOnPath("ffmpeg", searchPath);

    /// <summary>
    /// ffmpeg's arguments: the first <paramref name="frameCount"/> frames from 0 at <paramref name="fps"/>; MP4 as
    /// H.264-compatible yuv420p (padded to even sides, which that needs); GIF with a palette made from the frames.
    /// </summary>
    /// <param name="frameFolder">The frames' folder; any characters (a <c>%</c> is escaped for ffmpeg's pattern).</param>
    /// <param name="framePattern">The frames' file names in printf form, e.g. <c>frame_%05d.png</c>.</param>
    /// <param name="output">The file ffmpeg writes; its format is given from <paramref name="format"/>, not read from it.</param>
    /// <param name="format">mp4 or gif.</param>
    /// <param name="gifOptions">For a GIF, ffmpeg's filter and muxer options in place of one palette for all frames.</param>
    public static IReadOnlyList<string> Arguments(string frameFolder, string framePattern, int frameCount, double fps,
        string output, string format, IReadOnlyList<string>? gifOptions = null)
    {
        // file: keeps a name with a colon from being read as a protocol; the pattern treats only %d as special, so
        // a % in the folder is doubled.
        string input = "file:" + Path.Combine(Path.GetFullPath(frameFolder).Replace("%", "%%"), framePattern);
        List<string> arguments =
        [
            "-y", "-nostdin", "-loglevel", "error",
            "-framerate", fps.ToString("R", CultureInfo.InvariantCulture), "-start_number", "0", "-i", input,
            "-frames:v", frameCount.ToString(CultureInfo.InvariantCulture),
        ];
        arguments.AddRange(format == "gif"
            ? gifOptions ?? ["-vf", "split[a][b];[a]palettegen[p];[b][p]paletteuse"]
            : ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-pix_fmt", "yuv420p"]);
        arguments.AddRange(["-f", format, "file:" + Path.GetFullPath(output)]);
        return arguments;
    }

    /// <summary>
    /// Runs <paramref name="ffmpeg"/> to write <paramref name="output"/> (.mp4 or .gif) from the frames, atomically:
    /// a failed or interrupted run leaves no partial video.
    /// </summary>
    /// <exception cref="VideoAssemblyException">ffmpeg cannot be started or exits with an error.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; ffmpeg is stopped.</exception>
    public static void Assemble(string ffmpeg, string frameFolder, string framePattern, int frameCount, double fps,
        string output, CancellationToken cancellation = default)
    {
        string format = Path.GetExtension(output).Equals(".gif", StringComparison.OrdinalIgnoreCase) ? "gif" : "mp4";
        Encode(ffmpeg, output, temporary => Arguments(frameFolder, framePattern, frameCount, fps, temporary, format), cancellation);
    }

    /// <summary>
    /// Runs <paramref name="ffmpeg"/> with the <paramref name="arguments"/> for a temporary file, lets
    /// <paramref name="finish"/> complete that file, and only then gives it <paramref name="output"/>'s name: a failed
    /// or interrupted run leaves no partial file.
    /// </summary>
    /// <exception cref="VideoAssemblyException">ffmpeg cannot be started or exits with an error.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; ffmpeg is stopped.</exception>
    internal static void Encode(string ffmpeg, string output, Func<string, IReadOnlyList<string>> arguments,
        CancellationToken cancellation, Action<string>? finish = null)
    {
        AtomicFile.WriteByPath(output, temporary =>
        {
            ChildProcessResult result;
            try
            {
                result = ChildProcess.Run(ffmpeg, arguments(temporary), cancellation: cancellation);
            }
            catch (Win32Exception e)
            {
                throw new VideoAssemblyException($"{ffmpeg}: cannot run ({e.Message})", e);
            }
            if (result.ExitCode != 0)
            {
                throw new VideoAssemblyException(
                    $"{output}: ffmpeg failed (exit code {result.ExitCode}): {result.LastErrorLine ?? "no message"}");
            }
            finish?.Invoke(temporary);
        });
    }
}
