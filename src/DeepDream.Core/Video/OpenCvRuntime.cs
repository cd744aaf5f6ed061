using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using OpenCvSharp;

namespace DeepDream.Video;

/// <summary>
/// Makes sure OpenCV's native library (OpenCvSharpExtern, shipped for linux-x64) loads before any optical flow is
/// asked for, so a missing system library is reported once, by name, instead of as a type-initialisation failure.
/// </summary>
internal static partial class OpenCvRuntime
{
    private const string Library = "OpenCvSharpExtern";
    private static readonly Lazy<Exception?> LoadFailure = new(TryLoad);

    /// <summary>Loads the library (once).</summary>
    /// <exception cref="FlowUnavailableException">It is not shipped for this platform, or a library it needs is missing.</exception>
    public static void EnsureLoaded()
    {
        if (LoadFailure.Value is { } failure) throw failure;
    }

    private static Exception? TryLoad()
    {
        try
        {
            // The same search the wrapper's own P/Invokes make (the application's native folders), so a success here
            // means the wrapper finds the library too.
            NativeLibrary.Load(Library, typeof(Cv2).Assembly, DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories);
            return null;
        }
        catch (DllNotFoundException e)
        {
            return new FlowUnavailableException(Explain(e.Message), e);
        }
        catch (BadImageFormatException e)
        {
            return new FlowUnavailableException($"optical flow: OpenCV's native library is not for this machine ({e.Message})", e);
        }
    }

    /// <summary>
    /// The loader's message reduced to its cause: a system library the shipped OpenCV needs (with the Debian package
    /// that has it, for the common case), or OpenCV missing altogether on runtimes it is not shipped for.
    /// </summary>
    internal static string Explain(string loaderMessage)
    {
        var missing = MissingDependency().Matches(loaderMessage).Select(match => match.Groups["name"].Value)
            .FirstOrDefault(name => !name.Contains(Library, StringComparison.Ordinal));
        if (missing is not null)
        {
            string hint = missing.StartsWith("libgtk-3", StringComparison.Ordinal)
                ? " (on Debian or Ubuntu: apt-get install libgtk-3-0)"
                : "";
            return $"optical flow: OpenCV's native library needs {missing}, which is not installed{hint}; install it, or steady the video by blending instead";
        }
        return $"optical flow: OpenCV's native library is not available for {RuntimeInformation.RuntimeIdentifier} " +
               "(it ships for linux-x64); steady the video by blending instead";
    }

    [GeneratedRegex(@"(?<name>[\w.+-]+\.so[.\d]*): cannot open shared object file")]
    private static partial Regex MissingDependency();
}
