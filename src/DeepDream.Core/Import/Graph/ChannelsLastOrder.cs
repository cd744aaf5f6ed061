using System.Runtime.CompilerServices;
using DeepDream.Runtime;

namespace DeepDream.Import.Graph;

/// <summary>
/// A 4-D float tensor's values in channels-last order: [N, H, W, C] in memory for its [N, C, H, W] shape, the order
/// an NCHW graph's convolution kernels are laid out in (<see cref="ChannelsLast"/>). Reordered once, either at load
/// (<see cref="PreparedGraph"/>) or when a model is installed (model files store kernels so, see
/// <see cref="GraphTensor.IsChannelsLast"/>).
/// </summary>
internal static class ChannelsLastOrder
{
    /// <summary>
    /// Whether the tensor's channels-last order differs from its shape order: 4-D float values, more than one channel and
    /// more than one position. (With one of either the two orders coincide, and torch keeps such a tensor as it is.)
    /// </summary>
    public static bool Differs(GraphTensor value) =>
        value.Floats is { Length: > 0 } floats && value.Shape.Count == 4 && floats.LongLength == value.ElementCount
        && value.Shape[1] > 1 && value.Shape[2] * value.Shape[3] > 1;

    /// <summary>
    /// Whether the network of a graph with this <paramref name="input"/> runs <paramref name="value"/> channels-last in
    /// an order that differs from its shape's: held so already (a model file's kernel), or a kernel of an NCHW graph
    /// whose orders <see cref="Differs"/>. The one rule for <see cref="PreparedGraph"/> and the model file.
    /// </summary>
    public static bool IsKept(GraphInput input, GraphTensor value) => value.IsChannelsLast || (!input.IsChannelsLast && Differs(value));

    /// <summary>The float values of a tensor <see cref="IsKept"/> channels-last, in that order: its own array when held so, else a reordered copy.</summary>
    public static float[] ValuesOf(GraphTensor value) => value.IsChannelsLast ? value.Floats! : Of(value.Floats!, value.Shape);

    /// <summary>[N, C, H, W] values (<paramref name="shape"/>) reordered to [N, H, W, C], in a new array.</summary>
    // Runs once per process over most weights: optimised at once rather than first interpreted by the quick JIT.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float[] Of(float[] values, IReadOnlyList<long> shape)
    {
        var (channels, positions) = Sizes(shape);
        int itemSize = channels * positions;
        var reordered = HostArrays.Floats(values.Length);
        // Written in order, read with a stride of one channel: one item (one output channel's kernel) is a few KB.
        for (int item = 0; item < values.Length; item += itemSize)
        {
            int target = item;
            for (int position = 0; position < positions; position++)
            {
                for (int source = item + position; source < item + itemSize; source += positions)
                    reordered[target++] = values[source];
            }
        }
        return reordered;
    }

    /// <summary>
    /// The float values of <paramref name="value"/> in the order of its shape, as consecutive runs: the array itself,
    /// unless it is held channels-last; then one item (output channel) at a time, in one buffer that the next run
    /// overwrites (read each before moving on).
    /// </summary>
    /// <exception cref="ArgumentException">The tensor holds no float values.</exception>
    public static IEnumerable<ReadOnlyMemory<float>> InShapeOrder(GraphTensor value)
    {
        var values = value.Floats ?? throw new ArgumentException($"tensor {value.Name} holds no float values", nameof(value));
        return value.IsChannelsLast ? ItemsInShapeOrder(values, value.Shape) : [values];
    }

    private static IEnumerable<ReadOnlyMemory<float>> ItemsInShapeOrder(float[] values, IReadOnlyList<long> shape)
    {
        var (channels, positions) = Sizes(shape);
        var run = new float[channels * positions];
        for (int item = 0; item < values.Length; item += run.Length)
        {
            ItemInShapeOrder(values, item, positions, run);
            yield return run;
        }
    }

    /// <summary>Copies the [H, W, C] item at <paramref name="start"/> into <paramref name="run"/> as [C, H, W].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ItemInShapeOrder(float[] values, int start, int positions, float[] run)
    {
        int source = start;
        for (int position = 0; position < positions; position++)
        {
            for (int target = position; target < run.Length; target += positions)
                run[target] = values[source++];
        }
    }

    private static (int Channels, int Positions) Sizes(IReadOnlyList<long> shape) =>
        (checked((int)shape[1]), checked((int)(shape[2] * shape[3])));
}
