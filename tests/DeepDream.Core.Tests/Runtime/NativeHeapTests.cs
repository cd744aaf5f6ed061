using System.Runtime.InteropServices;
using DeepDream.Runtime;

namespace DeepDream.Tests.Runtime;

/// <summary>
/// With the heap settings applied (Linux, glibc), a tensor-sized block comes from the heap rather than its own
/// mapping, and stays mapped once freed, so the next dream step does not page-fault it in again.
/// </summary>
// Alone: another test's allocations or frees beside it would move the heap pages it looks at.
[Collection(nameof(DeepDream.Tests.Dreaming.MemoryTests))]
public sealed class NativeHeapTests
{
    private const int Block = 20 << 20;

    public NativeHeapTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void A_tensor_sized_block_is_served_from_the_heap_and_kept_after_free()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariables().Keys.OfType<string>().Any(name => name.StartsWith("MALLOC_", StringComparison.Ordinal)))
            return; // glibc only, and a user's own malloc settings are left alone
        Assert.Contains("glibc heap tuned", TorchRuntime.LoaderStatus);

        var before = MallInfo2();
        IntPtr block = Malloc(Block);
        Assert.NotEqual(IntPtr.Zero, block);
        try
        {
            var allocated = MallInfo2();
            Assert.True(allocated.MappedBytes - before.MappedBytes < Block, $"the block was mapped on its own ({allocated.MappedBytes - before.MappedBytes} bytes)");
        }
        finally
        {
            Free(block);
        }
        var freed = MallInfo2();
        Assert.True(freed.FreeBytes >= (nuint)Block, $"only {freed.FreeBytes} free bytes kept in the heap after freeing {Block}");
    }

    [Fact]
    public void Release_gives_the_pages_of_a_freed_heap_block_back_to_the_system()
    {
        if (!OperatingSystem.IsLinux() || !TorchRuntime.LoaderStatus.Contains("glibc heap tuned", StringComparison.Ordinal))
            return; // the settings keep freed blocks mapped only where they were applied
        // Threads that earlier tests left (finalizers freeing tensors, torch's pool) may use the heap meanwhile and
        // touch the freed block's pages again, so the check gets three tries; without Release every try fails.
        var outcomes = new List<string>();
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var (keptAfterFree, residentAfterRelease, pages) = FreeThenRelease();
            if (keptAfterFree == pages && residentAfterRelease < pages / 10) return;
            outcomes.Add($"{keptAfterFree} of {pages} pages resident after free, {residentAfterRelease} after Release");
        }
        Assert.Fail(string.Join("; ", outcomes));
    }

    /// <summary>Frees a touched heap block, then releases the heap: its pages resident after each, and how many it has.</summary>
    private static (long KeptAfterFree, long ResidentAfterRelease, long Pages) FreeThenRelease()
    {
        IntPtr block = Malloc(Block), after = Malloc(1 << 20); // the second keeps the first off the heap's top
        Assert.NotEqual(IntPtr.Zero, block);
        Assert.NotEqual(IntPtr.Zero, after);
        try
        {
            // The block's whole pages but the first and last (the heap's own bookkeeping), touched so they are resident.
            long page = Environment.SystemPageSize, start = ((long)block + 2 * page - 1) & ~(page - 1), pages = Block / page - 3;
            for (long offset = 0; offset < Block; offset += page) Marshal.WriteByte(block, (int)offset, 1);
            Free(block);
            long kept = Residency.ResidentPages(start, pages);
            NativeHeap.Release();
            return (kept, Residency.ResidentPages(start, pages), pages);
        }
        finally
        {
            Free(after);
        }
    }

    /// <summary>glibc's <c>struct mallinfo2</c> (2.33 and later).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct HeapInfo
    {
        public nuint Arena, OrdinaryBlocks, SmallBlocks, MappedBlocks, MappedBytes, UsedSmallMax, FreeSmallBytes, UsedBytes, FreeBytes, KeepCost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern HeapInfo MallInfo2();

    [DllImport("libc", EntryPoint = "malloc")]
    private static extern IntPtr Malloc(nuint size);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr block);
}
