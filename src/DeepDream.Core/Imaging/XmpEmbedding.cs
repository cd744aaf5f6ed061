using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace DeepDream.Imaging;

/// <summary>
/// Puts an XMP packet into an encoded image where each format's readers look for it: a PNG <c>iTXt</c> chunk with the
/// keyword <c>XML:com.adobe.xmp</c> after <c>IHDR</c>; a JPEG <c>APP1</c> segment after the <c>APP0</c> (JFIF) one; a
/// WebP <c>XMP </c> chunk at the end of an extended (<c>VP8X</c>) file, the simple format being converted to it.
/// The pixels' encoding is left as the encoder wrote it.
/// </summary>
internal static class XmpEmbedding
{
    /// <summary>Largest packet a JPEG APP1 segment holds (65535 less the length field and the XMP signature).</summary>
    public const int MaxJpegPacket = 65535 - 2 - 29;

    private static readonly byte[] JpegXmpSignature = Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0");
    private static readonly byte[] PngXmpKeyword = Encoding.ASCII.GetBytes("XML:com.adobe.xmp");
    private const byte WebpXmpFlag = 0x04;
    private const byte WebpAlphaFlag = 0x10;

    /// <summary><paramref name="encoded"/> with <paramref name="packet"/> embedded.</summary>
    /// <param name="encoded">A file as SkiaSharp encodes it.</param>
    /// <param name="width">The image's width in pixels (for a WebP canvas header).</param>
    /// <param name="height">The image's height in pixels.</param>
    /// <param name="hasAlpha">Whether the image has an alpha channel (for a WebP canvas header).</param>
    /// <exception cref="FormatException">The encoded data is not laid out as expected.</exception>
    /// <exception cref="ArgumentException">A packet too large for a JPEG segment.</exception>
    public static byte[] Insert(ReadOnlySpan<byte> encoded, ImageFormat format, byte[] packet, int width, int height, bool hasAlpha) => format switch
    {
        ImageFormat.Png => IntoPng(encoded, packet),
        ImageFormat.Jpeg => IntoJpeg(encoded, packet),
        ImageFormat.Webp => IntoWebp(encoded, packet, width, height, hasAlpha),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    private static byte[] IntoPng(ReadOnlySpan<byte> png, byte[] packet)
    {
        // Signature (8) and IHDR (length 4, type 4, 13 data bytes, CRC 4).
        const int afterHeader = 8 + 4 + 4 + 13 + 4;
        if (png.Length < afterHeader || !png.Slice(12, 4).SequenceEqual("IHDR"u8))
            throw new FormatException("the PNG encoder's output does not start with IHDR");
        // iTXt: keyword, NUL, compression flag 0, method 0, empty language tag, NUL, empty translated keyword, NUL, text.
        var data = new byte[PngXmpKeyword.Length + 5 + packet.Length];
        PngXmpKeyword.CopyTo(data, 0);
        packet.CopyTo(data, PngXmpKeyword.Length + 5);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        "iTXt"u8.CopyTo(chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.HashToUInt32(chunk.AsSpan(4, 4 + data.Length)));
        return [.. png[..afterHeader], .. chunk, .. png[afterHeader..]];
    }

    private static byte[] IntoJpeg(ReadOnlySpan<byte> jpeg, byte[] packet)
    {
        if (packet.Length > MaxJpegPacket)
            throw new ArgumentException($"an XMP packet of {packet.Length} bytes does not fit a JPEG segment (at most {MaxJpegPacket})", nameof(packet));
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
            throw new FormatException("the JPEG encoder's output does not start with SOI");
        // JFIF wants its APP0 first; XMP goes right after it.
        int at = 2;
        if (jpeg[2] == 0xFF && jpeg[3] == 0xE0) at = 4 + BinaryPrimitives.ReadUInt16BigEndian(jpeg[4..]);
        var segment = new byte[4 + JpegXmpSignature.Length + packet.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(segment.Length - 2));
        JpegXmpSignature.CopyTo(segment, 4);
        packet.CopyTo(segment, 4 + JpegXmpSignature.Length);
        return [.. jpeg[..at], .. segment, .. jpeg[at..]];
    }

    private static byte[] IntoWebp(ReadOnlySpan<byte> webp, byte[] packet, int width, int height, bool hasAlpha)
    {
        if (webp.Length < 20 || !webp[..4].SequenceEqual("RIFF"u8) || !webp.Slice(8, 4).SequenceEqual("WEBP"u8))
            throw new FormatException("the WebP encoder's output is not a RIFF WEBP file");
        var chunks = webp[12..];
        byte[] header;
        if (chunks[..4].SequenceEqual("VP8X"u8))
        {
            header = chunks[..18].ToArray();
            header[8] |= WebpXmpFlag;
            chunks = chunks[18..];
        }
        else
        {
            // The simple format has no flags: an extended header announces the XMP chunk (and any alpha).
            header = new byte[18];
            "VP8X"u8.CopyTo(header);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), 10);
            header[8] = (byte)(WebpXmpFlag | (hasAlpha ? WebpAlphaFlag : 0));
            WriteUInt24(header.AsSpan(12), width - 1);
            WriteUInt24(header.AsSpan(15), height - 1);
        }
        var xmp = new byte[8 + packet.Length + (packet.Length & 1)];
        "XMP "u8.CopyTo(xmp);
        BinaryPrimitives.WriteInt32LittleEndian(xmp.AsSpan(4), packet.Length);
        packet.CopyTo(xmp, 8);
        byte[] file = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8, .. header, .. chunks, .. xmp];
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), file.Length - 8);
        return file;
    }

    private static void WriteUInt24(Span<byte> target, int value)
    {
        target[0] = (byte)value;
        target[1] = (byte)(value >> 8);
        target[2] = (byte)(value >> 16);
    }
}
