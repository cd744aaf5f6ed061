using DeepDream.Imaging;

namespace DeepDream.Tests.Imaging;

/// <summary>Formats Skia cannot read are named from their first bytes, whatever the file is called.</summary>
public sealed class ImageSignatureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<byte[], string> Unsupported => new()
    {
        { "II*\0\x08\0\0\0"u8.ToArray(), "TIFF" },
        { "MM\0*\0\0\0\x08"u8.ToArray(), "TIFF" },
        { [0, 0, 0, 0x1C, .. "ftypavif"u8, 0, 0, 0, 0, .. "avifmif1"u8], "AVIF" },
        { [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8], "HEIC" },
        { [0, 0, 0, 0x18, .. "ftypmif1"u8, 0, 0, 0, 0, .. "mif1heic"u8], "HEIF" },
        { [0, 0, 0, 0x0C, .. "JXL \r\n"u8, 0x87, 0x0A, 0, 0], "JPEG XL" },
        { [0xFF, 0x0A, 0xFA, 0x3F], "JPEG XL" },
        { [0, 0, 0, 0x0C, .. "jP  \r\n"u8, 0x87, 0x0A, 0, 0], "JPEG 2000" },
        { "8BPS\0\x01"u8.ToArray(), "PSD" },
        { "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray(), "SVG" },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void An_unsupported_format_is_named_even_behind_a_jpg_name_or_on_stdin(byte[] head, string format)
    {
        string path = _folder.Write("photo.jpg", [.. head, .. new byte[64]]);
        string expected = $"unsupported image format {format} (supported: JPEG, PNG, WebP, BMP, GIF)";

        var fromFile = Assert.Throws<DreamInputException>(() => ImageFile.Read(path, ImageReadOptions.Default));
        var fromStdin = Assert.Throws<DreamInputException>(() =>
            ImageFile.Read(new NonSeekableStream(new MemoryStream(File.ReadAllBytes(path))), "<stdin>", ImageReadOptions.Default));

        Assert.Equal($"{path}: {expected}", fromFile.Message);
        Assert.Equal($"<stdin>: {expected}", fromStdin.Message);
    }

    [Fact]
    public void Unknown_bytes_are_still_not_an_image() =>
        Assert.Null(ImageSignature.UnsupportedFormat("this is not an image"u8));
}
