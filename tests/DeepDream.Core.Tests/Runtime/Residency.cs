using System.Runtime.InteropServices;

namespace DeepDream.Tests.Runtime;

/// <summary>Which pages of this process's memory are in RAM now (Linux <c>mincore</c>).</summary>
internal static class Residency
{
    /// <summary>How many of the <paramref name="pages"/> pages from <paramref name="start"/> (page-aligned) are resident.</summary>
    public static long ResidentPages(long start, long pages)
    {
        var resident = new byte[pages];
        Assert.Equal(0, MinCore(start, (nuint)(pages * Environment.SystemPageSize), resident));
        return resident.Count(flags => (flags & 1) != 0);
    }

    [DllImport("libc", EntryPoint = "mincore")]
    private static extern int MinCore(long address, nuint length, byte[] residency);
}
