using System.Runtime.InteropServices;

namespace DeepDream.Runtime;

/// <summary>
/// Starts a command-line process again, once, with glibc's heap settings in <c>GLIBC_TUNABLES</c>, which glibc reads
/// only when a process starts: the sizes <see cref="NativeHeap"/> sets, plus transparent huge pages for the heap
/// (<c>glibc.malloc.hugetlb=1</c>). libtorch's initialisers fill hundreds of megabytes of fresh heap while they
/// register its operators, and every dream step first touches a few hundred megabytes of new activations; on the
/// virtual machines measured each 4 KiB page's first touch costs 8-18 µs. With huge pages libtorch's load took
/// 286 ms instead of 521 (medians of 7) and a 512 px classic dream faulted 22 k pages instead of 106 k, 7% faster in
/// all (bench/RESULTS.md, "Issue 14: huge pages for the heap"), far more than the second runtime start costs (about
/// 50 ms). Dreams are byte-identical either way. Linux with glibc only, never where the user set
/// <c>GLIBC_TUNABLES</c> or a <c>MALLOC_</c> variable (theirs win); where the restart cannot be done, the process goes
/// on as it is, with <see cref="NativeHeap.Configure"/>'s settings.
/// </summary>
public static unsafe partial class MallocTunables
{
    /// <summary>glibc's variable.</summary>
    public const string Variable = "GLIBC_TUNABLES";

    /// <summary>The settings: <see cref="NativeHeap"/>'s sizes and huge pages.</summary>
    public static readonly string Value = string.Join(':',
        "glibc.malloc.hugetlb=1",
        $"glibc.malloc.mmap_threshold={NativeHeap.MmapThreshold}",
        $"glibc.malloc.trim_threshold={NativeHeap.TrimThreshold}",
        $"glibc.malloc.top_pad={NativeHeap.TopPad}");

    /// <summary>
    /// Replaces this process by the same program with the same arguments (bytes as given, from /proc/self/cmdline),
    /// process id, open files and environment, plus <see cref="Variable"/>; returns only where that does not apply or
    /// fails. Call it first thing in <c>Main</c>, before anything reads standard input or sets up the terminal.
    /// </summary>
    public static void RestartWithTunables()
    {
        if (!OperatingSystem.IsLinux() || NativeHeap.UserTuned() || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))) return;
        byte[] commandLine;
        try
        {
            if (GnuLibcVersion() == IntPtr.Zero) return;
            commandLine = File.ReadAllBytes("/proc/self/cmdline");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or EntryPointNotFoundException or DllNotFoundException)
        {
            return; // not glibc, or no /proc
        }
        if (commandLine.Length == 0 || commandLine[^1] != 0 || !NativeEnvironment.SetDefault(Variable, Value)) return;

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
    }

    [LibraryImport("libc", EntryPoint = "gnu_get_libc_version")]
    private static partial IntPtr GnuLibcVersion();

    /// <summary>libc's <c>execv</c>: the current (native) environment goes along.</summary>
    [LibraryImport("libc", EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ExecV(string path, IntPtr* arguments);
}
