using DeepDream.Imaging;
using static DeepDream.Tests.Imaging.TestImages;

namespace DeepDream.Tests.Imaging;

public sealed class ImageFileReadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Sample_jpeg_survives_a_write_and_read_at_its_size()
    {
        var photo = ImageFile.Read(Sample("cat_chelsea.jpg"), ImageReadOptions.Default);
        string copy = _folder["cat.jpg"];
        ImageFile.Write(photo, copy, ImageWriteOptions.Default);
        var again = ImageFile.Read(copy, ImageReadOptions.Default);

        Assert.Equal((512, 341), (photo.Width, photo.Height));
        Assert.Equal((512, 341), (again.Width, again.Height));
        Assert.Null(again.Alpha);
        double meanError = photo.Rgb.Zip(again.Rgb, (a, b) => Math.Abs(a - b)).Average();
        Assert.InRange(meanError, 0, 3);
    }

    // Stored image: red | green over blue | white. Expected corners after turning it upright, read as
    // top-left, top-right, bottom-left, bottom-right (R, G, B, W).
    [Theory]
    [InlineData(1, 32, 16, "RGBW")]
    [InlineData(2, 32, 16, "GRWB")] // mirrored
    [InlineData(3, 32, 16, "WBGR")] // upside down
    [InlineData(4, 32, 16, "BWRG")] // mirrored vertically
    [InlineData(5, 16, 32, "RBGW")] // transposed
    [InlineData(6, 16, 32, "BRWG")] // turned a quarter clockwise
    [InlineData(7, 16, 32, "WGBR")] // transverse
    [InlineData(8, 16, 32, "GWRB")] // turned a quarter counter-clockwise
    public void Exif_orientation_is_applied(int orientation, int width, int height, string corners)
    {
        var stored = Quadrants(32, 16, Red, Green, Blue, White);
        byte[] jpeg = WithExifOrientation(Encode(stored, ImageFormat.Jpeg), orientation);

        var upright = ImageFile.Read(new MemoryStream(jpeg), "rotated.jpg", ImageReadOptions.Default);

        Assert.Equal((width, height), (upright.Width, upright.Height));
        (int X, int Y)[] quadrantCentres = [(width / 4, height / 4), (3 * width / 4, height / 4), (width / 4, 3 * height / 4), (3 * width / 4, 3 * height / 4)];
        for (int q = 0; q < 4; q++)
        {
            var expected = corners[q] switch { 'R' => Red, 'G' => Green, 'B' => Blue, _ => White };
            var actual = PixelAt(upright, quadrantCentres[q].X, quadrantCentres[q].Y);
            Assert.True(Math.Abs(expected.R - actual.R) < 16 && Math.Abs(expected.G - actual.G) < 16 && Math.Abs(expected.B - actual.B) < 16,
                $"quadrant {q}: expected {expected}, got {actual}");
        }
    }

    [Fact]
    public void Png_alpha_is_kept_exactly_through_png_and_dropped_by_jpeg()
    {
        byte[] rgb = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180];
        byte[] alpha = [255, 128, 1, 0, 64, 200];
        var image = new RgbImage(3, 2, rgb, alpha);

        var fromPng = ImageFile.Read(new MemoryStream(Encode(image, ImageFormat.Png)), "alpha.png", ImageReadOptions.Default);
        var fromJpeg = ImageFile.Read(new MemoryStream(Encode(image, ImageFormat.Jpeg)), "alpha.jpg", ImageReadOptions.Default);

        Assert.Equal(alpha, fromPng.Alpha);
        // Unpremultiplied all the way, so even colour under alpha 0 comes back.
        Assert.Equal(rgb, fromPng.Rgb);
        Assert.Null(fromJpeg.Alpha);
    }

    [Fact]
    public void Webp_keeps_alpha()
    {
        var image = new RgbImage(2, 1, [200, 100, 50, 200, 100, 50], [255, 0]);

        var fromWebp = ImageFile.Read(new MemoryStream(Encode(image, ImageFormat.Webp)), "alpha.webp", ImageReadOptions.Default);

        Assert.Equal([255, 0], fromWebp.Alpha);
    }

    [Fact]
    public void Grey_png_becomes_rgb()
    {
        byte[] png = HandMadePng.Build(3, 1, 8, HandMadePng.Grey, [0, 77, 255]);

        var image = ImageFile.Read(new MemoryStream(png), "grey.png", ImageReadOptions.Default);

        Assert.Equal([0, 0, 0, 77, 77, 77, 255, 255, 255], image.Rgb);
        Assert.Null(image.Alpha);
    }

    [Fact]
    public void Sixteen_bit_rgb_png_becomes_eight_bit()
    {
        // Samples of the form b * 257 (0xBBBB) map to b whether the decoder truncates or rounds.
        byte[] png = HandMadePng.Build(2, 1, 16, HandMadePng.Rgb, [0x00, 0x00, 0x40, 0x40, 0xFF, 0xFF, 0x80, 0x80, 0x12, 0x12, 0xC8, 0xC8]);

        var image = ImageFile.Read(new MemoryStream(png), "deep.png", ImageReadOptions.Default);

        Assert.Equal([0x00, 0x40, 0xFF, 0x80, 0x12, 0xC8], image.Rgb);
    }

    [Fact]
    public void Sixteen_bit_grey_alpha_png_gives_rgb_and_alpha()
    {
        byte[] png = HandMadePng.Build(1, 1, 16, HandMadePng.GreyAlpha, [0x64, 0x64, 0x32, 0x32]);

        var image = ImageFile.Read(new MemoryStream(png), "deep-grey.png", ImageReadOptions.Default);

        Assert.Equal([0x64, 0x64, 0x64], image.Rgb);
        Assert.Equal([0x32], image.Alpha);
    }

    [Fact]
    public void Palette_png_becomes_rgb()
    {
        byte[] png = HandMadePng.Build(3, 1, 8, HandMadePng.Palette, [2, 0, 1], palette: [255, 0, 0, 0, 255, 0, 0, 0, 255]);

        var image = ImageFile.Read(new MemoryStream(png), "palette.png", ImageReadOptions.Default);

        Assert.Equal([0, 0, 255, 255, 0, 0, 0, 255, 0], image.Rgb);
    }

    [Fact]
    public void Gif_first_frame_is_read()
    {
        // 1x1 GIF, global palette (red, black), one frame of palette index 0: LZW codes clear, 0, end in 3 bits.
        byte[] gif =
        [
            .. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 255, 0, 0, 0, 0, 0,
            (byte)',', 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, (byte)';',
        ];

        var image = ImageFile.Read(new MemoryStream(gif), "dot.gif", ImageReadOptions.Default);

        Assert.Equal((1, 1), (image.Width, image.Height));
        Assert.Equal([255, 0, 0], image.Rgb);
    }

    [Fact]
    public void Bmp_rows_come_out_top_down()
    {
        // 1x2, 24-bit, stored bottom row first as BGR padded to 4 bytes: bottom blue, top red.
        byte[] bmp =
        [
            (byte)'B', (byte)'M', 62, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0,
            40, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 24, 0, 0, 0, 0, 0, 8, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            255, 0, 0, 0, 0, 0, 255, 0,
        ];

        var image = ImageFile.Read(new MemoryStream(bmp), "stack.bmp", ImageReadOptions.Default);

        Assert.Equal([255, 0, 0, 0, 0, 255], image.Rgb);
    }

    [Fact]
    public void Reads_from_a_stream_that_cannot_seek()
    {
        var image = Quadrants(16, 8, Red, Green, Blue, White);
        using var pipe = new NonSeekableStream(new MemoryStream(Encode(image, ImageFormat.Png)));

        var read = ImageFile.Read(pipe, "pipe", ImageReadOptions.Default);

        Assert.Equal(image.Rgb, read.Rgb);
    }

    [Fact]
    public void Reading_a_stream_leaves_it_open()
    {
        var stream = new MemoryStream(Encode(Quadrants(4, 4, Red, Green, Blue, White), ImageFormat.Png));

        ImageFile.Read(stream, "open.png", ImageReadOptions.Default);

        Assert.True(stream.CanRead);
    }

    [Fact]
    public void An_animated_image_is_read_as_its_first_frame_and_the_reader_is_told()
    {
        string path = _folder.Write("anim.gif", HandMadeGif.Animated(3));
        var notices = new List<string>();

        var image = ImageFile.Read(path, new ImageReadOptions { Notice = notices.Add });
        ImageFile.Read(_folder.Write("still.gif", HandMadeGif.Animated(1)), new ImageReadOptions { Notice = notices.Add });

        Assert.Equal((1, 1), (image.Width, image.Height));
        Assert.Equal([$"{path}: animated GIF of 3 frames; using the first frame"], notices);
    }
}
