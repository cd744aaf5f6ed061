using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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
            hash.AppendData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{host.dtype} [{string.Join(",", host.shape)}]\n")));
            hash.AppendData(host.bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
