using System.Runtime.InteropServices;

namespace DeepDream.Runtime;

/// <summary>
/// Large float arrays that are filled at once (a model's weights, read or reordered while libtorch loads), with their
/// memory mapped in by one call instead of one page fault per 4 KiB page. On the project's virtual machines a first
/// touch of fresh memory costs several microseconds a page, which made laying out ResNet-18's 46 MB of weights take
/// a few hundred milliseconds of a one-second start (bench/RESULTS.md, "Issue 14: the second quiet-machine run").
/// Linux only: the arrays are pinned, their pages asked for as transparent huge pages where the system allows
/// (<c>madvise(MADV_HUGEPAGE)</c>) and populated writable (<c>MADV_POPULATE_WRITE</c>, Linux 5.14). Both are hints:
/// where either is refused the array is the same, only slower to fill.
/// </summary>
internal static partial class HostArrays
{
    /// <summary>Below this size an array is allocated as usual (a few pages fault cheaply enough).</summary>
    private const long MinimumBytes = 1 << 20;
    private const long PageBytes = 4096;
    private const int HugePageAdvice = 14;        // MADV_HUGEPAGE
    private const int PopulateWriteAdvice = 23;   // MADV_POPULATE_WRITE

    /// <summary>A float array of <paramref name="length"/> elements, contents undefined; the caller fills all of it.</summary>
    public static unsafe float[] Floats(int length)
    {
        long bytes = (long)length * sizeof(float);
        if (!OperatingSystem.IsLinux() || bytes < MinimumBytes) return GC.AllocateUninitializedArray<float>(length);
        var array = GC.AllocateUninitializedArray<float>(length, pinned: true);
        fixed (float* data = array)
        {
            // Only whole pages inside the array: the pages at its ends may hold other objects.
            long start = ((long)data + PageBytes - 1) & ~(PageBytes - 1);
            long end = ((long)data + bytes) & ~(PageBytes - 1);
            if (end > start)
            {
                _ = Advise((nint)start, (nuint)(end - start), HugePageAdvice);
                _ = Advise((nint)start, (nuint)(end - start), PopulateWriteAdvice);
            }
        }
        return array;
    }

    /// <summary>Makes .NET look up <c>madvise</c> now (see <see cref="NativeTorchLoader.BeginLoad"/>); does nothing else.</summary>
    public static void Bind()
    {
        if (OperatingSystem.IsLinux()) _ = Advise(0, 0, HugePageAdvice);
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Advise(nint address, nuint length, int advice);
}
