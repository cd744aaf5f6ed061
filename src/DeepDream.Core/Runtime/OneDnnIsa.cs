using System.Runtime.Intrinsics.X86;

namespace DeepDream.Runtime;

/// <summary>
/// Whether libtorch's oneDNN may run AVX-512 kernels in this process: the CPU has AVX-512 and oneDNN's instruction
/// set cap (<c>ONEDNN_MAX_CPU_ISA</c> or its older name <c>DNNL_MAX_CPU_ISA</c>, DeepDream's default or the user's)
/// does not stop below it. The cap is read once, after <see cref="NativeDefaults.BeforeLoad"/> and any
/// <see cref="TorchRuntime.UsePrecision"/> have run.
/// </summary>
internal static class OneDnnIsa
{
    // oneDNN's names for the caps below AVX-512; any other value (AVX512_*, AVX10_*, ALL, or one we do not know)
    // is taken to allow AVX-512: that only makes ConvolutionRoute avoid kernels it would not need to avoid.
    private static readonly string[] BelowAvx512 = ["SSE41", "AVX", "AVX2", "AVX2_VNNI", "AVX2_VNNI_2"];

    // The AVX-512 caps below bfloat16's instructions: there oneDNN emulates bfloat16, several times slower.
    private static readonly string[] BelowBFloat16 = [.. BelowAvx512, "AVX512_CORE", "AVX512_CORE_VNNI", "AVX512_MIC", "AVX512_MIC_4OPS"];

    private static readonly Lazy<string?> Cap = new(() =>
    {
        string? cap = NativeEnvironment.GetNative(NativeDefaults.OneDnnIsaVariable);
        if (string.IsNullOrEmpty(cap)) cap = NativeEnvironment.GetNative("DNNL_MAX_CPU_ISA");
        return string.IsNullOrEmpty(cap) ? null : cap.Trim().ToUpperInvariant();
    });

    /// <summary>True where oneDNN may pick its AVX-512 kernels (x86-64 CPUs with AVX-512 and no lower cap).</summary>
    public static bool MayUseAvx512 => Avx512F.IsSupported && (Cap.Value is null || !BelowAvx512.Contains(Cap.Value));

    /// <summary>
    /// True where oneDNN may pick its bfloat16 kernels (AVX512_BF16 or AMX): the CPU has them
    /// (<see cref="BFloat16Support"/>) and no cap stops below <c>AVX512_CORE_BF16</c>.
    /// </summary>
    public static bool MayUseBFloat16 => BFloat16Support.IsNative && (Cap.Value is null || !BelowBFloat16.Contains(Cap.Value));
}
