using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DeepDream.Runtime;

/// <summary>
/// Starts a command-line process again, once, with glibc's heap settings in <c>GLIBC_TUNABLES</c>, which glibc reads
/// only when a process starts: the sizes <see cref="NativeHeap"/> sets, plus transparent huge pages for the heap
/// (<c>glibc.malloc.hugetlb=1</c>). libtorch's initialisers fill hundreds of megabytes of fresh heap while they
/// register its operators, and every dream step first touches a few hundred megabytes of new activations; on the
/// virtual machines measured each 4 KiB page's first touch costs 8-18 µs. With huge pages libtorch's load took
/// 286 ms instead of 521 (medians of 7) and a 512 px classic dream faulted 22 k pages instead of 106 k, 7% faster in
/// all (bench/RESULTS.md, "Issue 14: the third quiet-machine run"), far more than the second runtime start costs
/// (about 60 ms). Dreams are byte-identical either way.
/// </summary>
/// <remarks>
/// Linux with glibc only, where transparent huge pages are given on request (the kernel's "madvise" mode, the usual
/// default); never where the user set <c>GLIBC_TUNABLES</c> or a <c>MALLOC_</c> variable (theirs win: any
/// value, even one without malloc settings, turns the restart off), under a debugger or a diagnostics port (a tool
/// attached to the first runtime would lose it). Where the restart cannot be done the process goes on as it is, and
/// <see cref="NativeHeap.Configure"/> sets the sizes. The restarted process takes the variable out of .NET's own
/// environment, so the programs it starts (ffmpeg) get glibc's defaults.
/// </remarks>
public static unsafe partial class MallocTunables
{
    /// <summary>glibc's variable.</summary>
    public const string Variable = "GLIBC_TUNABLES";

    /// <summary>The settings: huge pages, then <see cref="NativeHeap"/>'s sizes.</summary>
    public static readonly string Value = string.Join(':',
        "glibc.malloc.hugetlb=1",
        $"glibc.malloc.mmap_threshold={NativeHeap.MmapThreshold}",
        $"glibc.malloc.trim_threshold={NativeHeap.TrimThreshold}",
        $"glibc.malloc.top_pad={NativeHeap.TopPad}");

    /// <summary>Whether this process is the restarted one, started with <see cref="Value"/> (glibc applied it at start).</summary>
    internal static bool InEffect { get; private set; }

    /// <summary>
    /// Replaces this process by the same program with the same arguments (bytes as given, from /proc/self/cmdline),
    /// process id, open files and environment, plus <see cref="Variable"/>; returns only where that does not apply or
    /// fails. Call it first thing in <c>Main</c>, before any other thread starts and before anything reads standard
    /// input or sets up the terminal.
    /// </summary>
    public static void RestartWithTunables()
    {
        if (!OperatingSystem.IsLinux()) return;
        string? current = Environment.GetEnvironmentVariable(Variable);
        // glibc up to 2.38 ends each tunable it parsed with a NUL in place, so the restarted process may see only the first.
        if (current is not null && (current == Value || Value.StartsWith(current + ":", StringComparison.Ordinal)))
        {
            Environment.SetEnvironmentVariable(Variable, null);
            InEffect = true;
            return;
        }
        if (!string.IsNullOrEmpty(current) || NativeHeap.UserTuned() || Debugger.IsAttached
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_DiagnosticPorts"))) return;
        byte[] commandLine;
        try
        {
            // Huge pages on request only: with "always" the heap gets them anyway, with "never" not at all.
            if (!File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[madvise]", StringComparison.Ordinal)
                || GnuLibcVersion() == IntPtr.Zero) return;
            commandLine = File.ReadAllBytes("/proc/self/cmdline");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or EntryPointNotFoundException or DllNotFoundException)
        {
            return; // not glibc, or no /proc or /sys
        }
        if (commandLine.Length == 0 || commandLine[^1] != 0 || !NativeEnvironment.SetNativeOnly(Variable, Value)) return;
        RemoveDiagnosticsSocket();

        // argv: pointers into the pinned copy of /proc/self/cmdline, whose arguments each end with their NUL.
        fixed (byte* arguments = commandLine)
        {
            var pointers = new List<IntPtr>();
            for (int start = 0; start < commandLine.Length; start = Array.IndexOf(commandLine, (byte)0, start) + 1)
                pointers.Add((IntPtr)(arguments + start));
            pointers.Add(IntPtr.Zero);
            fixed (IntPtr* argv = pointers.ToArray())
                ExecV("/proc/self/exe", argv);
        }
        NativeEnvironment.SetNativeOnly(Variable, null); // exec failed: as before
    }

    /// <summary>
    /// The runtime's diagnostics socket is named after the process id and start time, which the restarted runtime
    /// shares; this one's must go, or that one cannot listen (dotnet-trace, dotnet-counters could not attach).
    /// </summary>
    private static void RemoveDiagnosticsSocket()
    {
        try
        {
            foreach (var socket in Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{Environment.ProcessId}-*-socket"))
                File.Delete(socket);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left: the restarted process only lacks the diagnostics port.
        }
    }

    [LibraryImport("libc", EntryPoint = "gnu_get_libc_version")]
    private static partial IntPtr GnuLibcVersion();

    /// <summary>libc's <c>execv</c>: the current (native) environment goes along.</summary>
    [LibraryImport("libc", EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ExecV(string path, IntPtr* arguments);
}
