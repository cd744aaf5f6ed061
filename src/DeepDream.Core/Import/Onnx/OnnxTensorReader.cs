using System.Globalization;
using System.Runtime.InteropServices;
using DeepDream.Import.Graph;
using DeepDream.Import.Onnx.Protobuf;
using DeepDream.IO;
using DeepDream.Models;
using DataType = DeepDream.Import.Onnx.Protobuf.TensorProto.Types.DataType;

namespace DeepDream.Import.Onnx;

/// <summary>
/// Turns TensorProtos into <see cref="GraphTensor"/>s: float32, float16 and double become floats, int32 and
/// int64 become longs. Every size is checked against the shape before anything is allocated, and the total
/// is held to <see cref="OnnxImportOptions.MaxTensorBytes"/>. External data files must be regular files whose real
/// path (links resolved) lies inside the model's folder; each is opened once and read only where tensors point.
/// </summary>
internal sealed class OnnxTensorReader(string modelPath, OnnxImportOptions options) : IDisposable
{
    private readonly string _modelDirectory = Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
    private readonly Dictionary<string, RegularFile> _externalFiles = new(StringComparer.Ordinal);
    private long _convertedBytes;

    public GraphTensor Read(TensorProto proto, string name)
    {
        var shape = proto.Dims.ToArray();
        long count = ElementCount(shape, name);
        var type = (DataType)proto.DataType;
        long storedBytes = count * StoredElementSize(type, name);
        if (storedBytes > Array.MaxLength) throw Error(name, $"is too large (shape [{string.Join(", ", shape)}])");
        bool isFloat = type is DataType.Float or DataType.Float16 or DataType.Double;
        Reserve(count * (isFloat ? sizeof(float) : sizeof(long)));

        if (proto.DataLocation == TensorProto.Types.DataLocation.External)
            return FromBytes(name, shape, type, ReadExternal(proto, name, shape, type, storedBytes));
        if (!proto.RawData.IsEmpty)
        {
            CheckByteLength(name, shape, type, proto.RawData.Length, storedBytes);
            return FromBytes(name, shape, type, proto.RawData.Span);
        }
        return FromTypedFields(proto, name, shape, type, count);
    }

    private long ElementCount(long[] shape, string name)
    {
        long count = 1;
        foreach (long dimension in shape)
        {
            if (dimension < 0) throw Error(name, $"has a negative dimension in its shape [{string.Join(", ", shape)}]");
            if (dimension != 0 && count > Array.MaxLength / dimension)
                throw Error(name, $"is too large (shape [{string.Join(", ", shape)}])");
            count *= dimension;
        }
        return count;
    }

    private int StoredElementSize(DataType type, string name) => type switch
    {
        DataType.Float or DataType.Int32 => 4,
        DataType.Float16 => 2,
        DataType.Double or DataType.Int64 => 8,
        _ => throw Error(name, $"has element type {type}; only float32, float16, double, int32 and int64 are supported"),
    };

    private void Reserve(long bytes)
    {
        _convertedBytes += bytes;
        if (_convertedBytes > options.MaxTensorBytes)
            throw new ModelFormatException($"{modelPath}: the weights need more than the {options.MaxTensorBytes}-byte limit");
    }

    private void CheckByteLength(string name, long[] shape, DataType type, long actual, long expected)
    {
        if (actual != expected)
            throw Error(name, $"has {actual} bytes of {type} data, but its shape [{string.Join(", ", shape)}] needs {expected}");
    }

    /// <summary>Raw and external data are little-endian, fixed-width elements (ONNX), as on every platform torch runs on here.</summary>
    private static GraphTensor FromBytes(string name, long[] shape, DataType type, ReadOnlySpan<byte> bytes) => type switch
    {
        DataType.Float => GraphTensor.FromFloats(name, MemoryMarshal.Cast<byte, float>(bytes).ToArray(), shape),
        DataType.Float16 => GraphTensor.FromFloats(name, ToFloats(MemoryMarshal.Cast<byte, Half>(bytes)), shape),
        DataType.Double => GraphTensor.FromFloats(name, ToFloats(MemoryMarshal.Cast<byte, double>(bytes)), shape),
        DataType.Int32 => GraphTensor.FromLongs(name, ToLongs(MemoryMarshal.Cast<byte, int>(bytes)), shape),
        _ => GraphTensor.FromLongs(name, MemoryMarshal.Cast<byte, long>(bytes).ToArray(), shape),
    };

    private GraphTensor FromTypedFields(TensorProto proto, string name, long[] shape, DataType type, long count)
    {
        int stored = type switch
        {
            DataType.Float => proto.FloatData.Count,
            DataType.Float16 or DataType.Int32 => proto.Int32Data.Count,
            DataType.Double => proto.DoubleData.Count,
            _ => proto.Int64Data.Count,
        };
        if (stored != count)
            throw Error(name, $"has {stored} values, but its shape [{string.Join(", ", shape)}] needs {count}");
        return type switch
        {
            DataType.Float => GraphTensor.FromFloats(name, [.. proto.FloatData], shape),
            // float16 values travel as the low 16 bits of int32_data.
            DataType.Float16 => GraphTensor.FromFloats(name, [.. proto.Int32Data.Select(bits => (float)BitConverter.UInt16BitsToHalf((ushort)bits))], shape),
            DataType.Double => GraphTensor.FromFloats(name, [.. proto.DoubleData.Select(value => (float)value)], shape),
            DataType.Int32 => GraphTensor.FromLongs(name, [.. proto.Int32Data.Select(value => (long)value)], shape),
            _ => GraphTensor.FromLongs(name, [.. proto.Int64Data], shape),
        };
    }

    /// <summary>Reads <c>length</c> bytes at <c>offset</c> of the file <c>location</c> names, relative to the model's folder.</summary>
    private byte[] ReadExternal(TensorProto proto, string name, long[] shape, DataType type, long expectedBytes)
    {
        var entries = proto.ExternalData.GroupBy(entry => entry.Key).ToDictionary(group => group.Key, group => group.Last().Value);
        if (!entries.TryGetValue("location", out string? location) || location.Length == 0)
            throw Error(name, "has external data without a location");
        string file = Path.GetFullPath(Path.Combine(_modelDirectory, location));
        if (Path.IsPathRooted(location) || location.Split('/', '\\').Contains("..")
            || !file.StartsWith(_modelDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw Error(name, $"refers to external data '{location}' outside the model's folder");
        var data = ExternalFile(file, location, name);

        long fileLength = data.Length;
        long offset = ParseNumber(entries, "offset", 0, name);
        long length = ParseNumber(entries, "length", fileLength - offset, name);
        if (offset < 0 || length < 0 || offset > fileLength || length > fileLength - offset)
            throw Error(name, $"wants bytes {offset} to {offset + length} of '{location}', which has {fileLength}");
        CheckByteLength(name, shape, type, length, expectedBytes);
        try
        {
            return data.Read(offset, length);
        }
        catch (IOException error)
        {
            throw Error(name, $"cannot read external data '{location}' ({error.Message})");
        }
    }

    /// <summary>The external data file, opened and checked on first use, then read through the same handle.</summary>
    private RegularFile ExternalFile(string file, string location, string name)
    {
        if (_externalFiles.TryGetValue(file, out var open)) return open;
        if (!File.Exists(file) && !Directory.Exists(file)) throw Error(name, $"refers to external data file '{location}', which does not exist");
        // Only the slices tensors declare are read, so the file's own size needs no limit beyond theirs.
        open = RegularFile.Open(file, long.MaxValue, "external data", message => Error(name, $"refers to unusable external data ({message})"), _modelDirectory);
        _externalFiles[file] = open;
        return open;
    }

    public void Dispose()
    {
        foreach (var file in _externalFiles.Values) file.Dispose();
    }

    private long ParseNumber(Dictionary<string, string> entries, string key, long fallback, string name)
    {
        if (!entries.TryGetValue(key, out string? text)) return fallback;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw Error(name, $"has external data {key} '{text}', which is not a number");
    }

    private static float[] ToFloats(ReadOnlySpan<Half> values)
    {
        var result = new float[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = (float)values[i];
        return result;
    }

    private static float[] ToFloats(ReadOnlySpan<double> values)
    {
        var result = new float[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = (float)values[i];
        return result;
    }

    private static long[] ToLongs(ReadOnlySpan<int> values)
    {
        var result = new long[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }

    private ModelFormatException Error(string name, string problem) => new($"{modelPath}: tensor '{name}' {problem}");
}
