using System.Text;

namespace DeepDream.Imaging;

/// <summary>
/// Names common image formats this program cannot read, from a file's first bytes, so that a TIFF, an AVIF or a
/// HEIC photo (phones often name them .jpg) is refused by name rather than as unrecognised data.
/// </summary>
internal static class ImageSignature
{
    /// <summary>How many leading bytes <see cref="UnsupportedFormat"/> looks at (an SVG may open with a comment).</summary>
    public const int HeadBytes = 1024;

    private static ReadOnlySpan<byte> JpegXlCodestream => [0xFF, 0x0A];
    private static ReadOnlySpan<byte> JpegXlContainer => [0, 0, 0, 0x0C, 0x4A, 0x58, 0x4C, 0x20, 0x0D, 0x0A, 0x87, 0x0A];
    private static ReadOnlySpan<byte> Jpeg2000Container => [0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A];
    private static ReadOnlySpan<byte> Jpeg2000Codestream => [0xFF, 0x4F, 0xFF, 0x51];

    /// <summary>The format's name, or null when the bytes are none of the known unsupported formats.</summary>
    public static string? UnsupportedFormat(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8)) return "TIFF";
        if (head.StartsWith("8BPS"u8)) return "PSD";
        if (head.StartsWith(JpegXlCodestream) || head.StartsWith(JpegXlContainer)) return "JPEG XL";
        if (head.StartsWith(Jpeg2000Container) || head.StartsWith(Jpeg2000Codestream)) return "JPEG 2000";
        // ISO base media files: a box size, then "ftyp" and the major brand.
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return Encoding.ASCII.GetString(head[8..12]) switch
            {
                "avif" or "avis" => "AVIF",
                "heic" or "heix" or "heim" or "heis" or "hevc" or "hevx" => "HEIC",
                "mif1" or "msf1" => "HEIF",
                _ => null,
            };
        }
        string text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return text.StartsWith("<svg", StringComparison.OrdinalIgnoreCase)
            || ((text.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<!--", StringComparison.Ordinal))
                && text.Contains("<svg", StringComparison.OrdinalIgnoreCase))
            ? "SVG"
            : null;
    }
}
