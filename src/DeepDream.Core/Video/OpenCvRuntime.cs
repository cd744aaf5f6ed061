using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using DeepDream.Models.Store;
using DeepDream.Packages;
using DeepDream.Runtime;
using OpenCvSharp;

namespace DeepDream.Video;

/// <summary>
/// Makes OpenCV's native library (OpenCvSharpExtern) available before any optical flow is asked for: installed on
/// first use (<see cref="OpenCvNativePackage"/>), loaded, and handed to OpenCvSharp through its native-library
/// resolver. Whatever stands in the way (no package for this platform, no way to fetch it, a system library it
/// needs) is reported once, in one line, instead of as a type-initialisation failure deep in a run.
/// </summary>
internal static partial class OpenCvRuntime
{
    private const string Library = "OpenCvSharpExtern";
    private const string Instead = "steady the video by blending instead";
    private static readonly Lock Gate = new();
    private static nint _handle;
    private static FlowUnavailableException? _failure;

    /// <summary>Installs (on first use) and loads the library, once per process.</summary>
    /// <param name="progress">Told the install's steps, when it is installed now.</param>
    /// <param name="cancellation">Stops an install in progress; a later call tries again.</param>
    /// <exception cref="FlowUnavailableException">No package for this platform, the install failed, or the library does not load here.</exception>
    public static void EnsureLoaded(IProgress<InstallProgress>? progress = null, CancellationToken cancellation = default)
    {
        lock (Gate)
        {
            if (_handle != 0) return;
            if (_failure is not null) throw _failure;
            try
            {
                _handle = Load(Install(progress, cancellation));
            }
            catch (FlowUnavailableException failure)
            {
                _failure = failure;
                throw;
            }
            var handle = _handle;
            NativeLibrary.SetDllImportResolver(typeof(Cv2).Assembly, (name, _, _) => name == Library ? handle : 0);
        }
    }

    private static string Install(IProgress<InstallProgress>? progress, CancellationToken cancellation)
    {
        var package = OpenCvNativePackage.ForThisMachine()
            ?? throw new FlowUnavailableException(
                $"optical flow: OpenCV's native library is not published for {RuntimeInformation.RuntimeIdentifier}; {Instead}");
        try
        {
            return package.InstallAsync(AppPaths.Home, Directory.GetCurrentDirectory(), progress, cancellation).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is NuGetPackageException or IOException or UnauthorizedAccessException)
        {
            throw new FlowUnavailableException($"optical flow: OpenCV's native library cannot be installed ({e.Message}); {Instead}", e);
        }
    }

    /// <summary>Loads the library at <paramref name="path"/>; returns its handle.</summary>
    /// <exception cref="FlowUnavailableException">It does not load: the message names the missing system library, or gives the loader's reason.</exception>
    internal static nint Load(string path)
    {
        try
        {
            return NativeLibrary.Load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new FlowUnavailableException(Explain(path, e.Message), e);
        }
    }

    /// <summary>
    /// The loader's message reduced to its cause: a system library the library at <paramref name="path"/> needs (with
    /// the Debian package that has it, for the common case), else the loader's own last line.
    /// </summary>
    internal static string Explain(string path, string loaderMessage)
    {
        var missing = MissingDependency().Matches(loaderMessage).Select(match => match.Groups["name"].Value)
            .FirstOrDefault(name => !name.Contains(Library, StringComparison.Ordinal));
        if (missing is not null)
        {
            string hint = missing.StartsWith("libgtk-3", StringComparison.Ordinal)
                ? " (on Debian or Ubuntu: apt-get install libgtk-3-0)"
                : "";
            return $"optical flow: OpenCV's native library needs {missing}, which is not installed{hint}; install it, or {Instead}";
        }
        string reason = loaderMessage.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no reason given";
        return $"optical flow: OpenCV's native library {path} does not load ({reason}); {Instead}";
    }

    [GeneratedRegex(@"(?<name>[\w.+-]+\.so[.\d]*): cannot open shared object file")]
    private static partial Regex MissingDependency();
}
