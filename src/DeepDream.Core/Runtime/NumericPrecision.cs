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
    /// network's activations agree with float32 to about 1% rather than 1e-4, and a dream comes out visibly alike but
    /// not identical (bench/RESULTS.md, "bfloat16"). Only where the CPU computes bfloat16 natively
    /// (<see cref="BFloat16Support"/>); about 1.5× faster steps there.
    /// </summary>
    [JsonStringEnumMemberName("bfloat16")]
    BFloat16,
}
