using System.Text;

namespace DeepDream.Imaging;

/// <summary>
/// Recognises by their first bytes the image formats people try that this program cannot decode, so the refusal
/// names the format instead of calling the file corrupt.
/// </summary>
internal static class ImageSignature
{
    /// <summary>How many leading bytes <see cref="UnsupportedFormat"/> looks at (an SVG may open with a comment).</summary>
    public const int HeadBytes = 1024;

    /// <summary>"TIFF", "AVIF", "HEIC" or "SVG" when <paramref name="head"/> starts such a file; null otherwise.</summary>
    public static string? UnsupportedFormat(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8)) return "TIFF";
        // ISO base media files: a box size, then "ftyp" and the major brand.
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            string brand = Encoding.ASCII.GetString(head[8..12]);
            if (brand is "avif" or "avis") return "AVIF";
            if (brand is "heic" or "heix" or "heim" or "heis" or "hevc" or "hevx" or "hevm" or "hevs" or "mif1" or "msf1") return "HEIC";
        }
        string text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if ((text.StartsWith("<?xml", StringComparison.Ordinal) || text.StartsWith("<svg", StringComparison.Ordinal) || text.StartsWith("<!--", StringComparison.Ordinal))
            && text.Contains("<svg", StringComparison.Ordinal))
            return "SVG";
        return null;
    }
}
