using DeepDream.Import.Graph;

namespace DeepDream.Import.Onnx;

/// <summary>Limits that keep a hostile or broken .onnx file from making the importer allocate without bound.</summary>
public sealed record OnnxImportOptions
{
    public static OnnxImportOptions Default { get; } = new();

    /// <summary>Model files larger than this are refused before reading (protobuf itself tops out at 2 GiB).</summary>
    public long MaxFileBytes { get; init; } = 2L << 30;

    /// <summary>The most nodes a graph may have; checked right after parsing, before any is converted.</summary>
    public int MaxNodes { get; init; } = GraphDescription.MaxNodes;

    /// <summary>The most all weights together may take once converted to float32/int64, inline and external data alike.</summary>
    public long MaxTensorBytes { get; init; } = 4L << 30;
}
