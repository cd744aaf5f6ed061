using DeepDream.Imaging;
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
}
