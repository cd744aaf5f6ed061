using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using DeepDream.Dreaming;

namespace DeepDream.Sequences;

/// <summary>
/// Turns numbered frames into an MP4 or GIF with ffmpeg, when it is installed. Optional: the frames are the
/// product; this only saves typing the ffmpeg command.
/// </summary>
public static class FrameVideo
{
    /// <summary>Checks the video's extension and frame rate before any work is done.</summary>
    /// <exception cref="DreamSettingsException">Not .mp4 or .gif, or a frame rate outside 1-240.</exception>
    public static void Validate(string output, double fps)
    {
        if (Path.GetExtension(output).ToLowerInvariant() is not (".mp4" or ".gif"))
            throw new DreamSettingsException($"--video {output}: the video must be a .mp4 or .gif file");
        if (!(fps >= 1 && fps <= 240))
            throw new DreamSettingsException($"--fps {fps.ToString(CultureInfo.InvariantCulture)}: must be between 1 and 240");
    }

    /// <summary>The ffmpeg executable in the folders of <paramref name="searchPath"/> (PATH's form); null if none.</summary>
    public static string? FindFfmpeg(string? searchPath)
    {
        string name = OperatingSystem.IsWindows() ? "ffmpeg.exe" : "ffmpeg";
        foreach (string folder in (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, name);
            if (File.Exists(candidate) && IsExecutable(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// ffmpeg's arguments: the first <paramref name="frameCount"/> frames from 0 at <paramref name="fps"/>; MP4 as
    /// H.264-compatible yuv420p (padded to even sides, which that needs); GIF with a palette made from the frames.
    /// </summary>
    /// <param name="framePattern">The frames' path in printf form, e.g. <c>out/frame_%05d.png</c>.</param>
    public static IReadOnlyList<string> Arguments(string framePattern, int frameCount, double fps, string output)
    {
        string rate = fps.ToString("R", CultureInfo.InvariantCulture);
        List<string> arguments =
        [
            "-y", "-nostdin", "-loglevel", "error",
            "-framerate", rate, "-start_number", "0", "-i", framePattern,
            "-frames:v", frameCount.ToString(CultureInfo.InvariantCulture),
        ];
        arguments.AddRange(Path.GetExtension(output).Equals(".gif", StringComparison.OrdinalIgnoreCase)
            ? ["-vf", "split[a][b];[a]palettegen[p];[b][p]paletteuse"]
            : ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-pix_fmt", "yuv420p"]);
        arguments.Add(output);
        return arguments;
    }

    /// <summary>
    /// Runs <paramref name="ffmpeg"/> to write <paramref name="output"/> from the frames. ffmpeg writes a hidden
    /// temporary file beside it (same extension, which ffmpeg reads the format from), renamed into place only when
    /// complete, so a failed or interrupted run leaves no partial video.
    /// </summary>
    /// <exception cref="VideoAssemblyException">ffmpeg cannot be started or exits with an error.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; ffmpeg is stopped.</exception>
    public static void Assemble(string ffmpeg, string framePattern, int frameCount, double fps, string output,
        CancellationToken cancellation = default)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!,
            $".{Path.GetFileNameWithoutExtension(output)}.{Guid.NewGuid().ToString("N")[..8]}.tmp{Path.GetExtension(output)}");
        try
        {
            Run(ffmpeg, Arguments(framePattern, frameCount, fps, temporary), output, cancellation);
            File.Move(temporary, output, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void Run(string ffmpeg, IReadOnlyList<string> arguments, string output, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(ffmpeg) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new VideoAssemblyException($"{ffmpeg}: did not start");
        }
        catch (Win32Exception e)
        {
            throw new VideoAssemblyException($"{ffmpeg}: cannot run ({e.Message})", e);
        }
        using (process)
        using (cancellation.Register(() => process.Kill()))
        {
            // Only stderr is redirected, so reading it to the end cannot deadlock; -loglevel error keeps it short.
            string errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            cancellation.ThrowIfCancellationRequested();
            if (process.ExitCode != 0)
            {
                string reason = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .LastOrDefault() ?? "no message";
                throw new VideoAssemblyException($"{output}: ffmpeg failed (exit code {process.ExitCode}): {reason}");
            }
        }
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
