using System.Globalization;
using System.Runtime.CompilerServices;
using DeepDream.Models;
using DeepDream.Runtime;

namespace DeepDream.Import.Graph;

/// <summary>
/// The part of opening a <see cref="GraphNetwork"/> that needs no native library: the graph compiled, the weights'
/// fingerprint and digest, and every convolution kernel that the network keeps channels-last copied into that
/// order in host memory, so that its tensor is then made over the array without a copy. A command builds it while
/// libtorch loads on another thread (<see cref="ModelDefinition.Prepare"/>), which leaves the network's tensors
/// little to do once the library is there.
/// </summary>
internal sealed class PreparedGraph
{
    private readonly Dictionary<int, float[]> _channelsLast;
    private readonly Lazy<string> _weightsSha256;

    private PreparedGraph(GraphDescription description, CompiledGraph graph, Dictionary<int, float[]> channelsLast)
    {
        Description = description;
        Graph = graph;
        _channelsLast = channelsLast;
        var cache = description.SummaryCache;
        var cached = cache?.Read();
        Fingerprint = cached?.Fingerprint ?? FingerprintOf(description);
        _weightsSha256 = new(() =>
        {
            if (cached is not null) return cached.Sha256;
            // From the constants' arrays, in slot order like the network's tensors: the digest WeightsDigest gives for them.
            var sha256 = WeightsDigest.Of(graph.Constants.OrderBy(pair => pair.Key).Select(pair => pair.Value));
            cache?.Write(new WeightsSummary(Fingerprint, sha256));
            return sha256;
        });
    }

    public GraphDescription Description { get; }

    public CompiledGraph Graph { get; }

    /// <summary>A cheap fingerprint of all the graph's weights: how many there are and their sum.</summary>
    public string Fingerprint { get; }

    /// <summary>Lower-case hex SHA-256 of the constants the network makes tensors of (from the cache, else computed on first use).</summary>
    public string WeightsSha256 => _weightsSha256.Value;

    /// <param name="graph">The graph; the weights' fingerprint and SHA-256 come from its <see cref="GraphDescription.SummaryCache"/> if it has one.</param>
    /// <exception cref="ModelFormatException">An operator is unsupported or malformed, or the graph is inconsistent.</exception>
    public static PreparedGraph Of(GraphDescription graph)
    {
        var compiled = CompiledGraph.Compile(graph);
        var channelsLast = new Dictionary<int, float[]>();
        if (!graph.Input.IsChannelsLast)
        {
            foreach (var (slot, value) in compiled.Constants)
            {
                if (NeedsReordering(value)) channelsLast[slot] = ToChannelsLast(value.Floats!, value.Shape);
            }
        }
        return new PreparedGraph(graph, compiled, channelsLast);
    }

    /// <summary>
    /// The values of constant <paramref name="slot"/> in channels-last order ([N, H, W, C] in memory for its [N, C,
    /// H, W] shape), where the network lays it out so and its stored order is not already that; null otherwise.
    /// </summary>
    public float[]? ChannelsLastValues(int slot) => _channelsLast.GetValueOrDefault(slot);

    /// <summary>
    /// A 4-D float tensor whose channels-last order differs from its stored order: more than one channel and more than
    /// one position. (With one of either the two orders coincide, and torch keeps such a tensor as it is.)
    /// </summary>
    private static bool NeedsReordering(GraphTensor value) =>
        value.Floats is { Length: > 0 } floats && value.Shape.Count == 4 && floats.LongLength == value.ElementCount
        && value.Shape[1] > 1 && value.Shape[2] * value.Shape[3] > 1;

    /// <summary>[N, C, H, W] values reordered to [N, H, W, C].</summary>
    // Runs once per process over most weights: optimised at once rather than first interpreted by the quick JIT.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float[] ToChannelsLast(float[] values, IReadOnlyList<long> shape)
    {
        int channels = checked((int)shape[1]), positions = checked((int)(shape[2] * shape[3]));
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

    // Runs once per process over every weight: optimised at once rather than first interpreted by the quick JIT.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string FingerprintOf(GraphDescription graph)
    {
        long count = 0;
        double sum = 0;
        foreach (var floats in graph.Initializers.Values.Select(t => t.Floats).OfType<float[]>())
        {
            count += floats.Length;
            foreach (float value in floats) sum += value;
        }
        return $"{count} weights, sum {sum.ToString("R", CultureInfo.InvariantCulture)}";
    }
}
