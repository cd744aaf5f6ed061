using System.Security.Cryptography;

namespace DeepDream.Models.Store;

/// <summary>Size and SHA-256 (lower-case hex) of a file, to recognise and verify model files.</summary>
internal readonly record struct FileDigest(long Size, string Sha256)
{
    public static async Task<FileDigest> OfAsync(string path, CancellationToken cancellation)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        var hash = await SHA256.HashDataAsync(stream, cancellation);
        return new FileDigest(stream.Length, Convert.ToHexStringLower(hash));
    }
}
