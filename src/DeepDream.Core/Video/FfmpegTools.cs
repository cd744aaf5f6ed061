using System.ComponentModel;
using DeepDream.Runtime;
using DeepDream.Sequences;

namespace DeepDream.Video;

/// <summary>
/// ffmpeg and ffprobe, found before any work and run through the library's one child-process runner: arguments as a
/// list (never a shell), paths given with ffmpeg's <c>file:</c> protocol so no name is taken for an option or a URL.
/// </summary>
/// <param name="Ffmpeg">The ffmpeg executable.</param>
/// <param name="Ffprobe">The ffprobe executable.</param>
public sealed record FfmpegTools(string Ffmpeg, string Ffprobe)
{
    /// <summary>ffmpeg and ffprobe in the folders of <paramref name="searchPath"/> (PATH's form).</summary>
    /// <exception cref="VideoAssemblyException">Either is missing: one line naming it and how to install it.</exception>
    public static FfmpegTools Find(string? searchPath)
    {
        string? ffmpeg = ChildProcess.FindOnPath("ffmpeg", searchPath);
        string? ffprobe = ChildProcess.FindOnPath("ffprobe", searchPath);
        if (ffmpeg is null || ffprobe is null)
        {
            string missing = ffmpeg is null && ffprobe is null ? "ffmpeg and ffprobe are" : $"{(ffmpeg is null ? "ffmpeg" : "ffprobe")} is";
            throw new VideoAssemblyException(
                $"{missing} not on PATH; video needs both (on Debian or Ubuntu: apt-get install ffmpeg)");
        }
        return new FfmpegTools(ffmpeg, ffprobe);
    }

    /// <summary>A path as ffmpeg and ffprobe must be given it: absolute, through the <c>file:</c> protocol.</summary>
    public static string FileArgument(string path) => "file:" + Path.GetFullPath(path);

    /// <summary>Checks that ffmpeg can encode H.264 (libx264), which the dreamed clip is written with.</summary>
    /// <exception cref="VideoAssemblyException">It cannot, or ffmpeg does not run.</exception>
    public void CheckH264Encoder()
    {
        var result = Run(Ffmpeg, ["-hide_banner", "-encoders"], default);
        if (!result.Output.Split('\n').Any(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, "libx264", ..]))
            throw new VideoAssemblyException($"{Ffmpeg}: this ffmpeg has no H.264 encoder (libx264); install an ffmpeg built with it");
    }

    /// <summary>Runs ffprobe with <paramref name="arguments"/>.</summary>
    /// <exception cref="VideoAssemblyException">ffprobe cannot be started.</exception>
    internal ChildProcessResult Probe(IEnumerable<string> arguments, CancellationToken cancellation) =>
        Run(Ffprobe, arguments, cancellation);

    /// <summary>Runs ffmpeg with <paramref name="arguments"/> (quiet but for errors, never reading stdin).</summary>
    /// <exception cref="VideoAssemblyException">ffmpeg cannot be started.</exception>
    internal ChildProcessResult Convert(IEnumerable<string> arguments, CancellationToken cancellation) =>
        Run(Ffmpeg, ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. arguments], cancellation);

    private static ChildProcessResult Run(string program, IEnumerable<string> arguments, CancellationToken cancellation)
    {
        try
        {
            return ChildProcess.Run(program, arguments, cancellation: cancellation);
        }
        catch (Win32Exception e)
        {
            throw new VideoAssemblyException($"{program}: cannot run ({e.Message})", e);
        }
    }
}
