namespace DeepDream.Tests;

/// <summary>Builds animated GIFs byte by byte (Skia decodes GIF but does not encode it).</summary>
public static class HandMadeGif
{
    /// <summary>A 1×1 GIF of <paramref name="frames"/> black frames, 0.1 s each.</summary>
    public static byte[] Animated(int frames)
    {
        // Header, a 1×1 screen with a two-colour table (black, white).
        byte[] header = [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255];
        // Per frame: graphic control (0.1 s), image descriptor, and the LZW data of one pixel of colour 0:
        // minimum code size 2, then clear (4), 0, end (5) packed in 3-bit codes.
        byte[] frame = [0x21, 0xF9, 4, 0, 10, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0];
        return [.. header, .. Enumerable.Repeat(frame, frames).SelectMany(bytes => bytes), (byte)';'];
    }
}
