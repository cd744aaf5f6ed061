using System.Runtime.InteropServices;

namespace DeepDream.Runtime;

/// <summary>
/// glibc's heap settings for a process that allocates and frees the same few megabyte-sized tensors every dream
/// step. By default glibc serves such blocks with fresh <c>mmap</c>s or gives the top of the heap back to the system
/// as soon as they are freed, so every step page-faults all its activations in again (about a fifth of a 512 px
/// step's CPU time, measured; bench/RESULTS.md, "Issue 14: step speed"). Here blocks up to 32 MiB come from the heap
/// and up to 256 MiB of freed heap stays mapped for the next step; larger blocks (big photos) are still mapped and
/// unmapped whole, so the peak memory of large images does not grow. Linux with glibc only, and only where the user
/// has set none of glibc's malloc variables (theirs win).
/// </summary>
internal static partial class NativeHeap
{
    /// <summary>Blocks from this size up are mapped on their own (glibc's largest allowed value on 64-bit).</summary>
    public const int MmapThreshold = 32 << 20;
    /// <summary>Free memory at the heap's top kept mapped, at most.</summary>
    public const int TrimThreshold = 256 << 20;
    /// <summary>Extra room asked of the system each time the heap grows.</summary>
    public const int TopPad = 64 << 20;

    private const int MallocTrimThreshold = -1, MallocTopPad = -2, MallocMmapThreshold = -3;

    /// <summary>Applies the settings; returns a note for the loader's status ("" when nothing was set).</summary>
    public static string Configure()
    {
        // The restart (MallocTunables) gave glibc these sizes at start already.
        if (MallocTunables.InEffect) return "; glibc heap tuned for tensors, with huge pages";
        if (!OperatingSystem.IsLinux() || UserTuned()) return "";
        try
        {
            bool applied = MallOpt(MallocMmapThreshold, MmapThreshold) == 1
                & MallOpt(MallocTrimThreshold, TrimThreshold) == 1
                & MallOpt(MallocTopPad, TopPad) == 1;
            return applied ? "; glibc heap tuned for tensors" : "";
        }
        catch (EntryPointNotFoundException)
        {
            return ""; // a libc without mallopt: its own defaults
        }
    }

    /// <summary>
    /// Gives the heap's free memory back to the system (glibc's <c>malloc_trim</c>: each arena's top and the whole free
    /// pages inside it), for after a phase whose freed blocks would otherwise stay mapped under the settings above
    /// while larger allocations come on top. Nothing happens off Linux or where the C library has no such call.
    /// </summary>
    public static void Release()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            MallocTrim(0);
        }
        catch (EntryPointNotFoundException)
        {
            // not glibc: its own policy
        }
    }

    /// <summary>Whether the user set any of glibc's malloc variables (then theirs win).</summary>
    internal static bool UserTuned() =>
        Environment.GetEnvironmentVariables().Keys.OfType<string>().Any(name => name.StartsWith("MALLOC_", StringComparison.Ordinal))
        || (Environment.GetEnvironmentVariable("GLIBC_TUNABLES") ?? "").Contains("glibc.malloc.", StringComparison.Ordinal);

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
