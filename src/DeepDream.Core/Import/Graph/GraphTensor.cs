namespace DeepDream.Import.Graph;

/// <summary>
/// A constant tensor. Floating-point data (float32, float16, double, dequantised integers) is held as
/// <see cref="Floats"/>; integer data (shapes, indices) as <see cref="Longs"/>. Exactly one is set.
/// </summary>
public sealed record GraphTensor(string Name, IReadOnlyList<long> Shape, float[]? Floats, long[]? Longs)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>
    /// Whether <see cref="Floats"/> holds the values of this [N, C, H, W] shape in [N, H, W, C] order, as a model file
    /// stores the convolution kernels of an NCHW graph so that they load in the order the network runs them in
    /// (<see cref="ChannelsLastOrder"/>); false (the default) when they are in the order of the shape.
    /// </summary>
    public bool IsChannelsLast { get; internal init; }

    public static GraphTensor FromFloats(string name, float[] data, params long[] shape) => new(name, shape, data, null);

    public static GraphTensor FromLongs(string name, long[] data, params long[] shape) => new(name, shape, null, data);
}
