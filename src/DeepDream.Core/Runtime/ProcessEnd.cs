using System.Runtime.InteropServices;

namespace DeepDream.Runtime;

/// <summary>
/// Ends a command-line process once its work is done. Where libtorch was loaded, a normal exit runs its static
/// destructors, which free its operator registry entry by entry: about 150 ms of a 1 s <c>--preset smoke</c> run
/// (bench/RESULTS.md, "Issue 14: start-up to 1 s"). Nothing of ours is left for them to do by then (outputs are
/// written whole and closed before a command returns), so after flushing the console the process ends at once.
/// </summary>
public static unsafe class ProcessEnd
{
    /// <summary>libc's <c>_exit</c>, looked up before libtorch loads (<see cref="Bind"/>); null until then.</summary>
    private static delegate* unmanaged<int, void> _exit;

    /// <summary>
    /// Flushes stdout and stderr and ends the process with <paramref name="exitCode"/> (0-255) without running native
    /// static destructors, where libtorch was loaded or is loading on Linux or macOS; otherwise returns
    /// <paramref name="exitCode"/> for <c>Main</c> to return. Call it last, from <c>Main</c>, after every file is closed.
    /// </summary>
    /// <remarks>
    /// A command that fails before it needs torch (a model not found, say) may end while libtorch still loads: this
    /// ends it at once rather than after the load, which is safe since <c>_exit</c> runs no code in the process.
    /// </remarks>
    public static int Now(int exitCode)
    {
        if (!NativeTorchLoader.IsStarted || !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return exitCode;
        if (_exit is null)
        {
            // Not found (no known system does that): a normal exit, but never in the middle of the load.
            NativeTorchLoader.WaitForBackgroundLoad();
            return exitCode;
        }
        Console.Out.Flush();
        Console.Error.Flush();
        _exit(exitCode);
        return exitCode;
    }

    /// <summary>
    /// Looks <c>_exit</c> up now: while libtorch loads, the system loader's lock makes a lookup wait for the load
    /// (see <see cref="NativeTorchLoader.BeginLoad"/>).
    /// </summary>
    internal static void Bind()
    {
        if (_exit is not null || !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return;
        if (NativeLibrary.TryLoad("libc", typeof(ProcessEnd).Assembly, null, out var libc) && NativeLibrary.TryGetExport(libc, "_exit", out var exit))
            _exit = (delegate* unmanaged<int, void>)exit;
    }
}
