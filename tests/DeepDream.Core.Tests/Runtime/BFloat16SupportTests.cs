using DeepDream.Runtime;

namespace DeepDream.Tests.Runtime;

public sealed class BFloat16SupportTests
{
    /// <summary>The CPUID bits read agree with the flags the Linux kernel lists for the same CPU.</summary>
    [Fact]
    public void Native_bfloat16_is_what_the_kernel_reports()
    {
        if (!OperatingSystem.IsLinux()) return; // the flags come from /proc/cpuinfo
        var flags = File.ReadLines("/proc/cpuinfo").First(line => line.StartsWith("flags")).Split(' ');
        Assert.Equal(flags.Contains("avx512_bf16") || flags.Contains("amx_bf16"), BFloat16Support.IsNative);
    }
}
