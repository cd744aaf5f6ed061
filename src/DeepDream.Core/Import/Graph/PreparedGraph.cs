using System.Globalization;
using System.Runtime.CompilerServices;
using DeepDream.Models;

namespace DeepDream.Import.Graph;

/// <summary>
/// The part of opening a <see cref="GraphNetwork"/> that needs no native library: the graph compiled, the weights'
/// fingerprint and digest, and every convolution kernel that the network keeps channels-last in that order in host
/// memory (as the model file stored it, or copied into it), so that its tensor is then made over the array without a copy. A command builds it while
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
        // Kernels of an installed model are stored in that order already; others are reordered here.
        foreach (var (slot, value) in compiled.Constants)
            if (ChannelsLastOrder.IsKept(graph.Input, value)) channelsLast[slot] = ChannelsLastOrder.ValuesOf(value);
        return new PreparedGraph(graph, compiled, channelsLast);
    }

    /// <summary>
    /// The values of constant <paramref name="slot"/> in channels-last order ([N, H, W, C] in memory for its [N, C,
    /// H, W] shape) where the network lays it out so and that order differs from the shape's: the constant's own array
    /// when it is held so (<see cref="GraphTensor.IsChannelsLast"/>), else a reordered copy; null otherwise.
    /// </summary>
    public float[]? ChannelsLastValues(int slot) => _channelsLast.GetValueOrDefault(slot);

    // Runs once per process over every weight: optimised at once rather than first interpreted by the quick JIT.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string FingerprintOf(GraphDescription graph)
    {
        long count = 0;
        double sum = 0;
        // Summed in the order of each tensor's shape, however it is held: the fingerprint names the weights, not a layout.
        foreach (var weights in graph.Initializers.Values.Where(t => t.Floats is not null))
        {
            count += weights.Floats!.Length;
            foreach (var run in ChannelsLastOrder.InShapeOrder(weights))
            {
                foreach (float value in run.Span) sum += value;
            }
        }
        return $"{count} weights, sum {sum.ToString("R", CultureInfo.InvariantCulture)}";
    }
}
