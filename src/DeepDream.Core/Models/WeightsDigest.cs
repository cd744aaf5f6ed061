using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using DeepDream.Import.Graph;
using static TorchSharp.torch;

namespace DeepDream.Models;

/// <summary>The SHA-256 of a network's weights as loaded: equal weights give equal digests, whatever file held them.</summary>
internal static class WeightsDigest
{
    /// <summary>Lower-case hex SHA-256 over each tensor's type, shape and bytes, in the order given.</summary>
    public static string Of(IEnumerable<Tensor> tensors)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var tensor in tensors)
        {
            using var scope = NewDisposeScope();
            var host = tensor.detach().cpu().contiguous();
            Append(hash, host.dtype, host.shape, host.bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// The digest <see cref="Of(IEnumerable{Tensor})"/> gives for the tensors made from these constants (float32 from
    /// <see cref="GraphTensor.Floats"/>, int64 from <see cref="GraphTensor.Longs"/>), read from the arrays themselves
    /// in the order of their shapes (so a kernel held channels-last hashes as it does in shape order).
    /// </summary>
    public static string Of(IEnumerable<GraphTensor> constants)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("weights are hashed as little-endian bytes");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var constant in constants)
        {
            if (constant.Floats is not null)
            {
                AppendHeader(hash, ScalarType.Float32, constant.Shape);
                foreach (var run in ChannelsLastOrder.InShapeOrder(constant)) hash.AppendData(MemoryMarshal.AsBytes(run.Span));
            }
            else Append(hash, ScalarType.Int64, constant.Shape, MemoryMarshal.AsBytes(constant.Longs.AsSpan()));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, ScalarType type, IEnumerable<long> shape, ReadOnlySpan<byte> bytes)
    {
        AppendHeader(hash, type, shape);
        hash.AppendData(bytes);
    }

    private static void AppendHeader(IncrementalHash hash, ScalarType type, IEnumerable<long> shape) =>
        hash.AppendData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{type} [{string.Join(",", shape)}]\n")));
}
