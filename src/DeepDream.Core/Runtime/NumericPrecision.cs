using System.Text.Json.Serialization;

namespace DeepDream.Runtime;

/// <summary>
/// The number format a network computes in. Images, objectives and gradients stay float32 either way; only the
/// network's weights and activations change.
/// </summary>
public enum NumericPrecision
{
    /// <summary>IEEE single precision throughout: the reference, and the default.</summary>
    [JsonStringEnumMemberName("float32")]
    Float32,

    /// <summary>
    /// bfloat16 (8 exponent bits like float32, 8 significant bits): weights and activations are rounded to it, so a
    /// network's activations agree with float32 to 0.3-1.7% (ResNet-18) rather than 1e-4, and a dream comes out
    /// visibly alike but not identical. Only where the CPU computes bfloat16 natively (<see cref="BFloat16Support"/>),
    /// where a step takes about half float32's CPU time (bench/RESULTS.md, "Issue 14: bfloat16").
    /// </summary>
    [JsonStringEnumMemberName("bfloat16")]
    BFloat16,
}
