using System.Runtime.Intrinsics.X86;

namespace DeepDream.Runtime;

/// <summary>
/// Whether libtorch's oneDNN may run AVX-512 kernels in this process: the CPU has AVX-512 and oneDNN's instruction
/// set cap (<c>ONEDNN_MAX_CPU_ISA</c> or its older name <c>DNNL_MAX_CPU_ISA</c>, DeepDream's default or the user's)
/// does not stop below it. Read once, after <see cref="NativeDefaults.BeforeLoad"/> has run.
/// </summary>
internal static class OneDnnIsa
{
    // oneDNN's names for the caps below AVX-512; any other value (AVX512_*, AVX10_*, ALL, or one we do not know)
    // is taken to allow AVX-512: that only makes ConvolutionRoute avoid kernels it would not need to avoid.
    private static readonly string[] BelowAvx512 = ["SSE41", "AVX", "AVX2", "AVX2_VNNI", "AVX2_VNNI_2"];

    private static readonly Lazy<bool> Avx512 = new(() =>
    {
        if (!Avx512F.IsSupported) return false;
        string? cap = NativeEnvironment.GetNative(NativeDefaults.OneDnnIsaVariable);
        if (string.IsNullOrEmpty(cap)) cap = NativeEnvironment.GetNative("DNNL_MAX_CPU_ISA");
        return string.IsNullOrEmpty(cap) || !BelowAvx512.Contains(cap.Trim().ToUpperInvariant());
    });

    /// <summary>True where oneDNN may pick its AVX-512 kernels (x86-64 CPUs with AVX-512 and no lower cap).</summary>
    public static bool MayUseAvx512 => Avx512.Value;
}
