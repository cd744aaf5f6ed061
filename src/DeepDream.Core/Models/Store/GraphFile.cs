using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using DeepDream.Import.Graph;
using DeepDream.IO;
using DeepDream.Runtime;

namespace DeepDream.Models.Store;

/// <summary>
/// DeepDream's own fast-loading model file (<c>model.ddm</c>): the converted graph, so that opening an installed
/// model skips parsing ONNX or TF.js. Layout: the 8-byte magic <c>DDMODEL1</c>, the header length as a
/// little-endian int64, a UTF-8 JSON header (nodes, attributes, tensor names, shapes and offsets), then the
/// tensor data — raw little-endian float32 or int64, each blob 64-byte aligned, offsets counted from the data
/// start. Reading checks every size and offset against the file before allocating.
/// Since format version 2 the convolution kernels of an NCHW graph are stored channels-last (layout <c>nhwc</c>:
/// [N, H, W, C] values of an [N, C, H, W] tensor), the order the network runs them in, so that loading reads them
/// straight into their final arrays; version 1 files, all in shape order, still read (their kernels are reordered
/// at load instead).
/// </summary>
internal static partial class GraphFile
{
    private const int FormatVersion = 2;
    private const int OldestFormatVersion = 1;
    private const string ChannelsLastLayout = "nhwc";
    private const int Alignment = 64;
    private const long MaxHeaderBytes = 64L << 20;
    private static ReadOnlySpan<byte> Magic => "DDMODEL1"u8;

    public static void Write(GraphDescription graph, string path)
    {
        var blobs = new List<GraphTensor>();
        long offset = 0;
        TensorRecord Place(GraphTensor tensor)
        {
            long length = tensor.Floats is not null ? tensor.Floats.Length * 4L : tensor.Longs!.Length * 8L;
            // Kept as PreparedGraph would lay them out: channels-last where the network runs them so.
            bool channelsLast = ChannelsLastOrder.IsKept(graph.Input, tensor);
            var record = new TensorRecord(tensor.Name, tensor.Floats is not null ? "float32" : "int64", [.. tensor.Shape], offset, length,
                channelsLast ? ChannelsLastLayout : null);
            blobs.Add(channelsLast ? tensor with { Floats = ChannelsLastOrder.ValuesOf(tensor), IsChannelsLast = true } : tensor);
            offset = AlignUp(offset + length);
            return record;
        }
        var header = new Header(
            FormatVersion,
            graph.Name,
            graph.OpsetVersion,
            new InputRecord(graph.Input.Name, [.. graph.Input.Shape]),
            [.. graph.Outputs],
            graph.Nodes.Select(n => new NodeRecord(n.Name, n.OpType, [.. n.Inputs], [.. n.Outputs],
                n.Attributes.ToDictionary(a => a.Key, a => new AttributeRecord(
                    a.Value.Int, a.Value.Float, a.Value.String, a.Value.Ints?.ToArray(), a.Value.Floats?.ToArray(),
                    a.Value.Tensor is { } t ? Place(t) : null)))).ToList(),
            graph.Initializers.Values.Select(Place).ToList());
        var headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, GraphFileJson.Default.Header);

        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        Span<byte> prefix = stackalloc byte[16];
        Magic.CopyTo(prefix);
        BinaryPrimitives.WriteInt64LittleEndian(prefix[8..], headerBytes.Length);
        stream.Write(prefix);
        stream.Write(headerBytes);
        stream.Write(new byte[AlignUp(stream.Position) - stream.Position]);
        long dataStart = stream.Position;
        foreach (var tensor in blobs)
        {
            stream.Write(new byte[AlignUp(stream.Position - dataStart) - (stream.Position - dataStart)]);
            if (tensor.Floats is not null) WriteLittleEndian(stream, tensor.Floats.AsSpan());
            else WriteLittleEndian(stream, tensor.Longs.AsSpan());
        }
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Reads the graph; the file must be a regular file inside its model folder (links resolved).</summary>
    /// <param name="path">The model file.</param>
    /// <param name="summaryCache">
    /// The file that keeps the weights' summary of this model between runs (<see cref="WeightsSummaryCache"/>); none by default.
    /// </param>
    /// <exception cref="ModelFormatException">The file is not one, is truncated, or is inconsistent.</exception>
    public static GraphDescription Read(string path, string? summaryCache = null)
    {
        using var file = RegularFile.Open(path, long.MaxValue, "a model", message => new ModelFormatException(message), Path.GetDirectoryName(path));
        long fileLength = file.Length;
        Span<byte> prefix = stackalloc byte[16];
        if (fileLength < 16) throw Corrupt(path, "not a DeepDream model file");
        ReadExactly(file, prefix, 0, path);
        if (!prefix[..8].SequenceEqual(Magic)) throw Corrupt(path, "not a DeepDream model file");
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(prefix[8..]);
        if (headerLength <= 0 || headerLength > MaxHeaderBytes || 16 + headerLength > fileLength)
            throw Corrupt(path, "header length out of range");
        var headerBytes = new byte[headerLength];
        ReadExactly(file, headerBytes, 16, path);
        Header header;
        try
        {
            header = JsonSerializer.Deserialize(headerBytes, GraphFileJson.Default.Header) ?? throw Corrupt(path, "empty header");
        }
        catch (JsonException ex)
        {
            throw Corrupt(path, $"unreadable header ({ex.Message})");
        }
        if (header.Version is < OldestFormatVersion or > FormatVersion)
            throw Corrupt(path, $"format version {header.Version}, expected {OldestFormatVersion} to {FormatVersion} (reinstall the model)");
        if (header.Nodes.Count > GraphDescription.MaxNodes) throw Corrupt(path, $"{header.Nodes.Count} nodes, over the limit of {GraphDescription.MaxNodes} for a model");
        var records = header.Tensors.Concat(header.Nodes.SelectMany(n => n.Attributes.Values).Select(a => a.Tensor).OfType<TensorRecord>());
        var reader = new BlobReader(file, path, AlignUp(16 + headerLength), fileLength, records, ChannelsLastAllowed(header));
        return new GraphDescription
        {
            Name = header.Name,
            OpsetVersion = header.OpsetVersion,
            Input = new GraphInput(header.Input.Name, header.Input.Shape),
            Outputs = header.Outputs,
            Nodes = header.Nodes.Select(n => new GraphNode(n.Name, n.Op, n.Inputs, n.Outputs,
                n.Attributes.ToDictionary(a => a.Key, a => ToAttribute(a.Value, reader)))).ToList(),
            Initializers = header.Tensors.Select(reader.Read).ToDictionary(t => t.Name, StringComparer.Ordinal),
            // The version once everything is read: a file written meanwhile has a later time than the entry it would match.
            SummaryCache = summaryCache is null ? null : new WeightsSummaryCache(summaryCache, file.Version),
        };
    }

    /// <summary>Whether tensors may be stored channels-last: from version 2 on, for graphs whose input is NCHW.</summary>
    private static bool ChannelsLastAllowed(Header header) =>
        header.Version >= 2 && !new GraphInput(header.Input.Name, header.Input.Shape).IsChannelsLast;

    private static GraphAttribute ToAttribute(AttributeRecord record, BlobReader reader) => new()
    {
        Int = record.Int,
        Float = record.Float,
        String = record.String,
        Ints = record.Ints,
        Floats = record.Floats,
        Tensor = record.Tensor is { } tensor ? reader.Read(tensor) : null,
    };

    private static void WriteLittleEndian<T>(Stream stream, ReadOnlySpan<T> values) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("model files are written on little-endian machines only");
        stream.Write(MemoryMarshal.AsBytes(values));
    }

    private static void ReadExactly(RegularFile file, Span<byte> target, long offset, string path)
    {
        try
        {
            file.ReadExactly(target, offset);
        }
        catch (IOException error)
        {
            throw new ModelFormatException($"{path}: truncated ({error.Message})", error);
        }
    }

    private static long AlignUp(long value) => (value + Alignment - 1) / Alignment * Alignment;

    private static ModelFormatException Corrupt(string path, string problem) => new($"{path}: {problem}");

    /// <summary>
    /// Reads tensor blobs after checking all of them: known type and layout, shape matching length, inside the data
    /// section, and no two overlapping — so the memory a file can make us allocate is bounded by its size.
    /// </summary>
    private sealed class BlobReader
    {
        private readonly RegularFile _file;
        private readonly string _path;
        private readonly long _dataStart;

        public BlobReader(RegularFile file, string path, long dataStart, long fileLength, IEnumerable<TensorRecord> records, bool channelsLastAllowed)
        {
            _file = file;
            _path = path;
            _dataStart = dataStart;
            long dataLength = fileLength - dataStart;
            long end = 0;
            foreach (var record in records.OrderBy(r => r.Offset))
            {
                long elements = 1;
                foreach (var d in record.Shape)
                {
                    if (d < 0) throw Corrupt(path, $"tensor {record.Name} has an invalid shape");
                    elements *= d;
                    if (elements > dataLength) throw Corrupt(path, $"tensor {record.Name} is larger than the file");
                }
                if (record.Length != elements * ElementSize(record) || record.Offset < 0 || record.Offset > dataLength - record.Length)
                    throw Corrupt(path, $"tensor {record.Name} lies outside the file");
                if (record.Offset < end) throw Corrupt(path, $"tensor {record.Name} overlaps another");
                if (record.Layout is not null
                    && (record.Layout != ChannelsLastLayout || !channelsLastAllowed || record.Type != "float32" || record.Shape.Length != 4))
                    throw Corrupt(path, $"tensor {record.Name} has layout {record.Layout}, which this file cannot hold for it");
                end = record.Offset + record.Length;
            }
        }

        public GraphTensor Read(TensorRecord record)
        {
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("model files are read on little-endian machines only");
            long elements = record.Length / ElementSize(record);
            if (ElementSize(record) == 4)
            {
                // Every element is read from the file next: zeroing the array first would only touch its pages twice.
                var floats = HostArrays.Floats(checked((int)elements));
                ReadExactly(_file, MemoryMarshal.AsBytes(floats.AsSpan()), _dataStart + record.Offset, _path);
                return new GraphTensor(record.Name, record.Shape, floats, null) { IsChannelsLast = record.Layout is not null };
            }
            var longs = GC.AllocateUninitializedArray<long>(checked((int)elements));
            ReadExactly(_file, MemoryMarshal.AsBytes(longs.AsSpan()), _dataStart + record.Offset, _path);
            return new GraphTensor(record.Name, record.Shape, null, longs);
        }

        private int ElementSize(TensorRecord record) => record.Type switch
        {
            "float32" => 4,
            "int64" => 8,
            _ => throw Corrupt(_path, $"tensor {record.Name} has unknown type {record.Type}"),
        };
    }

    private sealed record Header(int Version, string Name, int OpsetVersion, InputRecord Input, string[] Outputs, List<NodeRecord> Nodes, List<TensorRecord> Tensors);

    private sealed record InputRecord(string Name, long[] Shape);

    private sealed record NodeRecord(string Name, string Op, string[] Inputs, string[] Outputs, Dictionary<string, AttributeRecord> Attributes);

    // Only the member that is set gets written; the others read back as their defaults.
    private sealed record AttributeRecord(
        long? Int = null, float? Float = null, string? String = null, long[]? Ints = null, float[]? Floats = null, TensorRecord? Tensor = null);

    // Layout: null for the shape's order, "nhwc" for a 4-D float tensor stored channels-last (version 2 on).
    private sealed record TensorRecord(string Name, string Type, long[] Shape, long Offset, long Length, string? Layout = null);

    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        MaxDepth = 64)]
    [JsonSerializable(typeof(Header))]
    private sealed partial class GraphFileJson : JsonSerializerContext;
}
