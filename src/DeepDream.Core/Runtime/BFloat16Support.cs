using System.Runtime.Intrinsics.X86;

namespace DeepDream.Runtime;

/// <summary>
/// Whether this CPU computes bfloat16 products natively, which is what makes <see cref="NumericPrecision.BFloat16"/>
/// faster than float32 rather than slower: x86-64 with AVX512_BF16 (AMD Zen 4 and later, Intel Cooper Lake and
/// Sapphire Rapids) or AMX-BF16 (Intel Sapphire Rapids and later), read from CPUID (Intel SDM vol. 2, CPUID leaf 7).
/// </summary>
public static class BFloat16Support
{
    /// <summary>True where oneDNN has bfloat16 convolution kernels for this CPU.</summary>
    public static bool IsNative { get; } = Detect();

    private static bool Detect()
    {
        if (!X86Base.IsSupported || !Avx512F.IsSupported) return false;
        // Leaf 7: subleaf 1 EAX bit 5 is AVX512_BF16, subleaf 0 EDX bit 22 is AMX-BF16.
        var (maxSubleaf, _, _, amxFlags) = X86Base.CpuId(7, 0);
        bool amx = (amxFlags & (1 << 22)) != 0;
        bool avx512 = maxSubleaf >= 1 && (X86Base.CpuId(7, 1).Eax & (1 << 5)) != 0;
        return amx || avx512;
    }
}
