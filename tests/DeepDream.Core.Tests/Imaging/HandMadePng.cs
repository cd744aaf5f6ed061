using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace DeepDream.Tests.Imaging;

/// <summary>
/// Builds PNG files byte by byte, for the kinds Skia will not encode (16-bit, grey, palette) and for hostile headers.
/// </summary>
internal static class HandMadePng
{
    public const byte Grey = 0, Rgb = 2, Palette = 3, GreyAlpha = 4, Rgba = 6;

    /// <param name="pixels">Packed rows, big-endian samples. Only the whole rows given are written, so fewer
    /// bytes than the header promises make a truncated file.</param>
    /// <param name="palette">RGB triples, for <see cref="Palette"/>.</param>
    public static byte[] Build(int width, int height, byte bitDepth, byte colorType, byte[] pixels, byte[]? palette = null)
    {
        int channels = colorType switch { Grey or Palette => 1, GreyAlpha => 2, Rgb => 3, Rgba => 4, _ => throw new ArgumentOutOfRangeException(nameof(colorType)) };
        int rowBytes = width * channels * bitDepth / 8;

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = bitDepth;
        header[9] = colorType;

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest))
        {
            for (int row = 0; rowBytes > 0 && row + rowBytes <= pixels.Length; row += rowBytes)
            {
                zlib.WriteByte(0); // filter: none
                zlib.Write(pixels, row, rowBytes);
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        if (palette is not null) WriteChunk(png, "PLTE", palette);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
