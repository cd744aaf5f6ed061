using DeepDream.Imaging;
using DeepDream.Tests.IO;
using static DeepDream.Tests.Imaging.TestImages;

namespace DeepDream.Tests.Imaging;

public sealed class ImageFileErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Reads <paramref name="path"/>, expecting a one-line refusal that names it, and no new files.</summary>
    private string Refusal(string path, ImageReadOptions? options = null)
    {
        string[] before = _folder.Entries();
        var error = Assert.Throws<DreamInputException>(() => ImageFile.Read(path, options ?? ImageReadOptions.Default));
        Assert.StartsWith(path + ": ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(before, _folder.Entries());
        return error.Message;
    }

    private string FileWith(string name, byte[] content)
    {
        string path = _folder[name];
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public void Missing_file() => Assert.EndsWith("file not found", Refusal(_folder["nowhere.jpg"]));

    [Fact]
    public void Missing_folder() => Assert.EndsWith("file not found", Refusal(_folder["no/such/folder.jpg"]));

    [Fact]
    public void A_folder_is_not_an_image()
    {
        string path = _folder["photos.jpg"];
        Directory.CreateDirectory(path);
        Assert.Contains("is a folder", Refusal(path));
    }

    [Fact]
    public void Empty_file() => Assert.Contains("empty file", Refusal(FileWith("empty.png", [])));

    [Fact]
    public void Jpeg_cut_in_half()
    {
        byte[] photo = File.ReadAllBytes(Sample("cat_chelsea.jpg"));
        Assert.EndsWith("truncated image (the pixel data ends early)", Refusal(FileWith("half.jpg", photo[..(photo.Length / 2)])));
    }

    [Fact]
    public void Jpeg_cut_inside_its_header()
    {
        byte[] photo = File.ReadAllBytes(Sample("cat_chelsea.jpg"));
        Assert.EndsWith("header cannot be read)", Refusal(FileWith("stub.jpg", photo[..40])));
    }

    [Fact]
    public void Png_with_zero_width()
    {
        byte[] png = HandMadePng.Build(0, 5, 8, HandMadePng.Rgb, []);
        Assert.EndsWith("header cannot be read)", Refusal(FileWith("flat.png", png)));
    }

    [Fact]
    public void Png_missing_rows()
    {
        byte[] png = HandMadePng.Build(4, 4, 8, HandMadePng.Rgb, new byte[4 * 3 * 2]); // 2 of 4 rows
        Assert.EndsWith("truncated image (the pixel data ends early)", Refusal(FileWith("short.png", png)));
    }

    [Fact]
    public void Text_file() =>
        Assert.EndsWith("not an image (unrecognised data)", Refusal(FileWith("notes.jpg", "just some words\n"u8.ToArray())));

    [Fact]
    public void Recognised_but_unsupported_format()
    {
        byte[] icon = IconWrapping(Encode(Quadrants(2, 2, Red, Green, Blue, White), ImageFormat.Png));
        Assert.Contains("unsupported image format ICO", Refusal(FileWith("favicon.ico", icon)));
    }

    [Fact]
    public void Too_many_pixels()
    {
        string message = Refusal(Sample("cat_chelsea.jpg"), new ImageReadOptions { MaxPixels = 100_000 });
        Assert.Contains("512x341", message);
        Assert.EndsWith("over the limit of 0.1 megapixels; raise MaxPixels", message);
    }

    [Fact]
    public void Huge_image_is_refused_from_its_header_alone()
    {
        // Claims 100000 x 100000 pixels (40 GB decoded) but holds no rows: only a header check can refuse it
        // as too large rather than as truncated.
        byte[] png = HandMadePng.Build(100_000, 100_000, 8, HandMadePng.Rgba, []);
        Assert.Contains("10000.0 megapixels", Refusal(FileWith("bomb.png", png)));
    }

    [Fact]
    public void Stream_that_fails_while_decoding()
    {
        // Skia reads through native callbacks; an exception escaping one would end the test process.
        byte[] photo = File.ReadAllBytes(Sample("cat_chelsea.jpg"));
        using var dying = new FailingStream(new MemoryStream(photo), limit: photo.Length / 2);

        var error = Assert.Throws<DreamInputException>(() => ImageFile.Read(dying, "usb.jpg", ImageReadOptions.Default));

        Assert.Equal("usb.jpg: read error (device gone)", error.Message);
    }

    [Fact]
    public void Empty_stream()
    {
        var error = Assert.Throws<DreamInputException>(() => ImageFile.Read(new MemoryStream(), "stdin", ImageReadOptions.Default));
        Assert.Equal("stdin: empty file (0 bytes)", error.Message);
    }

    [Fact]
    public void A_fifo_is_refused_at_once_instead_of_waiting_for_a_writer() =>
        Assert.EndsWith(": is a FIFO (named pipe), not a regular file", Refusal(SpecialFiles.Fifo(_folder["camera.jpg"])));

    [Fact]
    public void Dev_zero_is_refused_as_a_device() =>
        Assert.Equal("/dev/zero: is a character device, not a regular file",
            Assert.Throws<DreamInputException>(() => ImageFile.Read("/dev/zero", ImageReadOptions.Default)).Message);

    [Fact]
    public void A_file_over_the_byte_limit_is_refused_before_reading() =>
        Assert.EndsWith(": 2000 bytes, over the 1000-byte limit for an image file",
            Refusal(FileWith("huge.png", new byte[2000]), new ImageReadOptions { MaxFileBytes = 1000 }));

    [Theory]
    [InlineData("TIFF", "II*\0\b\0\0\0")]
    [InlineData("TIFF", "MM\0*\0\0\0\b")]
    [InlineData("AVIF", "\0\0\0\u001cftypavif\0\0\0\0mif1")]
    [InlineData("HEIC", "\0\0\0\u0018ftypheic\0\0\0\0")]
    [InlineData("HEIF", "\0\0\0\u0018ftypmif1\0\0\0\0heic")]
    [InlineData("SVG", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>")]
    [InlineData("SVG", "\uFEFF<?xml version=\"1.0\"?>\n<!-- drawn by hand -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    public void Formats_that_cannot_be_read_are_named_with_the_supported_ones(string format, string head)
    {
        var bytes = head.StartsWith('\uFEFF') ? System.Text.Encoding.UTF8.GetBytes(head) : System.Text.Encoding.Latin1.GetBytes(head);

        Assert.EndsWith($": unsupported image format {format} (supported: JPEG, PNG, WebP, BMP, GIF)", Refusal(FileWith("picture.img", [.. bytes, .. new byte[64]])));
    }

    [Fact]
    public void Stdin_is_not_read_past_the_byte_limit()
    {
        using var pipe = new NonSeekableStream(new MemoryStream(new byte[5000]));

        var error = Assert.Throws<DreamInputException>(() => ImageFile.Read(pipe, "<stdin>", new ImageReadOptions { MaxFileBytes = 4096 }));

        Assert.Equal("<stdin>: more than the 4096-byte limit for an image", error.Message);
    }
}
