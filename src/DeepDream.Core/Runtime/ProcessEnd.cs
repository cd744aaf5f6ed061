using System.Runtime.InteropServices;

namespace DeepDream.Runtime;

/// <summary>
/// Ends a command-line process once its work is done. Where libtorch was loaded, a normal exit runs its static
/// destructors, which free its operator registry entry by entry: about 150 ms of a 1 s <c>--preset smoke</c> run
/// (bench/RESULTS.md, "Issue 14: start-up to 1 s"). Nothing of ours is left for them to do by then (outputs are
/// written whole and closed before a command returns), so after flushing the console the process ends at once.
/// </summary>
public static partial class ProcessEnd
{
    /// <summary>
    /// Flushes stdout and stderr and ends the process with <paramref name="exitCode"/> (0-255) without running native
    /// static destructors, where libtorch was loaded on Linux or macOS; otherwise returns <paramref name="exitCode"/>
    /// for <c>Main</c> to return. Call it last, from <c>Main</c>, after every file is closed.
    /// </summary>
    public static int Now(int exitCode)
    {
        if (!NativeTorchLoader.IsLoaded || !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return exitCode;
        Console.Out.Flush();
        Console.Error.Flush();
        ExitWithoutCleanup(exitCode);
        return exitCode;
    }

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void ExitWithoutCleanup(int status);
}
