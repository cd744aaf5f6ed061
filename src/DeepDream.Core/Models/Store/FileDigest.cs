using System.Security.Cryptography;
using DeepDream.IO;

namespace DeepDream.Models.Store;

/// <summary>Size and SHA-256 (lower-case hex) of a file, to recognise and verify model files.</summary>
internal readonly record struct FileDigest(long Size, string Sha256)
{
    /// <summary>Larger than any model file an importer accepts (ONNX stops at 2 GiB).</summary>
    private const long MaxBytes = 4L << 30;

    /// <exception cref="ModelFormatException">Not a regular file (a FIFO or a device would never end), or too large.</exception>
    public static async Task<FileDigest> OfAsync(string path, CancellationToken cancellation)
    {
        using var file = RegularFile.Open(path, MaxBytes, "a model file", message => new ModelFormatException(message));
        var hash = await SHA256.HashDataAsync(file.Stream, cancellation);
        return new FileDigest(file.Length, Convert.ToHexStringLower(hash));
    }
}
