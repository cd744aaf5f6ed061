namespace DeepDream.Import.Tfjs;

/// <summary>One entry of a TF.js weights manifest: where a weight sits in its group's buffer and how it is stored.</summary>
internal sealed record TfjsWeightSpec(string Name, IReadOnlyList<long> Shape, string Dtype, TfjsQuantization? Quantization)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Bytes the weight occupies in the shard data.</summary>
    public long ByteLength => ElementCount * (Quantization?.BytesPerElement ?? 4);
}
