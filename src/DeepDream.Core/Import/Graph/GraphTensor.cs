namespace DeepDream.Import.Graph;

/// <summary>
/// A constant tensor. Floating-point data (float32, float16, double, dequantised integers) is held as
/// <see cref="Floats"/>; integer data (shapes, indices) as <see cref="Longs"/>. Exactly one is set.
/// </summary>
public sealed record GraphTensor(string Name, IReadOnlyList<long> Shape, float[]? Floats, long[]? Longs)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    public static GraphTensor FromFloats(string name, float[] data, params long[] shape) => new(name, shape, data, null);

    public static GraphTensor FromLongs(string name, long[] data, params long[] shape) => new(name, shape, null, data);
}
