using System.Runtime.InteropServices;
using DeepDream.Runtime;

namespace DeepDream.Tests.Runtime;

/// <summary>
/// A large weight array comes with its memory already in RAM (populated by one call, not faulted in page by page
/// as it is filled).
/// </summary>
public sealed class HostArraysTests
{
    [Fact]
    public void A_large_array_is_resident_before_it_is_written()
    {
        if (!OperatingSystem.IsLinux()) return;
        const int Length = 24 << 20; // 96 MiB: more than any earlier test left for the collector to hand out again
        var array = HostArrays.Floats(Length);

        Assert.Equal(Length, array.Length);
        long pageSize = Environment.SystemPageSize;
        // The array is pinned, so its address holds while the pages are looked at.
        long data = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
        long start = (data + pageSize - 1) & ~(pageSize - 1);
        long pages = ((data + (long)Length * sizeof(float)) & ~(pageSize - 1)) / pageSize - start / pageSize;
        Assert.Equal(pages, Residency.ResidentPages(start, pages));
        array.AsSpan().Fill(1.5f);
        Assert.Equal(1.5f * Length, array.Sum(v => (double)v));
    }
}
