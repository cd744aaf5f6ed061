using System.Runtime.InteropServices;
using DeepDream.Runtime;

namespace DeepDream.Tests.Runtime;

/// <summary>
/// With the heap settings applied (Linux, glibc), a tensor-sized block comes from the heap rather than its own
/// mapping, and stays mapped once freed, so the next dream step does not page-fault it in again.
/// </summary>
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
