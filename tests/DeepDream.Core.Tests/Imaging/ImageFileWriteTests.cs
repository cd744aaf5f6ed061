using DeepDream.Imaging;
using static DeepDream.Tests.Imaging.TestImages;

namespace DeepDream.Tests.Imaging;

public sealed class ImageFileWriteTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly RgbImage _image = Quadrants(16, 8, Red, Green, Blue, White);

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("out.jpg", "JPEG")]
    [InlineData("out.JPEG", "JPEG")]
    [InlineData("out.png", "PNG")]
    [InlineData("out.webp", "WEBP")]
    public void Format_follows_the_extension_and_no_temporary_file_remains(string name, string signature)
    {
        ImageFile.Write(_image, _folder[name], ImageWriteOptions.Default);

        Assert.Equal([name], _folder.Entries());
        byte[] written = File.ReadAllBytes(_folder[name]);
        string found = written switch
        {
            [0xFF, 0xD8, ..] => "JPEG",
            [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "PNG",
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "WEBP",
            _ => "unknown",
        };
        Assert.Equal(signature, found);
    }

    [Fact]
    public void Replaces_an_existing_file()
    {
        string path = _folder["out.png"];
        File.WriteAllText(path, "old");

        ImageFile.Write(_image, path, ImageWriteOptions.Default);

        Assert.Equal(_image.Rgb, ImageFile.Read(path, ImageReadOptions.Default).Rgb);
        Assert.Equal(["out.png"], _folder.Entries());
    }

    [Fact]
    public void Unknown_extension_is_refused_before_anything_is_written()
    {
        var error = Assert.Throws<DreamOutputException>(() => ImageFile.Write(_image, _folder["out.tiff"], ImageWriteOptions.Default));

        Assert.Equal($"{_folder["out.tiff"]}: unsupported output format '.tiff' (use .jpg, .jpeg, .png or .webp)", error.Message);
        Assert.Empty(_folder.Entries());
    }

    [Fact]
    public void Missing_folder_is_refused()
    {
        string path = _folder["no/such/out.png"];
        var error = Assert.Throws<DreamOutputException>(() => ImageFile.Write(_image, path, ImageWriteOptions.Default));

        Assert.Equal($"{path}: folder {_folder["no/such"]} does not exist", error.Message);
    }

    [Fact]
    public void Encoder_refusal_leaves_no_file_and_the_old_target_intact()
    {
        // WebP cannot be wider than 16383 pixels; Skia's encoder gives up part-way.
        var tooWide = new RgbImage(16_384, 1, new byte[16_384 * 3]);
        string path = _folder["wide.webp"];
        File.WriteAllText(path, "previous result");

        var error = Assert.Throws<DreamOutputException>(() => ImageFile.Write(tooWide, path, ImageWriteOptions.Default));

        Assert.Equal($"{path}: cannot encode a 16384x1 image as WEBP", error.Message);
        Assert.Equal(["wide.webp"], _folder.Entries());
        Assert.Equal("previous result", File.ReadAllText(path));
    }

    [Fact]
    public void Writing_over_the_input_is_refused_unless_in_place()
    {
        string input = _folder["photo.png"];
        ImageFile.Write(_image, input, ImageWriteOptions.Default);
        byte[] original = File.ReadAllBytes(input);
        var black = new RgbImage(16, 8, new byte[16 * 8 * 3]);

        var error = Assert.Throws<DreamOutputException>(() =>
            ImageFile.Write(black, input, new ImageWriteOptions { InputPath = input }));
        Assert.Contains("refusing to overwrite the input image", error.Message);
        Assert.Equal(original, File.ReadAllBytes(input));

        ImageFile.Write(black, input, new ImageWriteOptions { InputPath = input, InPlace = true });
        Assert.Equal(black.Rgb, ImageFile.Read(input, ImageReadOptions.Default).Rgb);
    }

    [Fact]
    public void Writing_through_a_link_to_the_input_is_refused()
    {
        string input = _folder["photo.png"];
        ImageFile.Write(_image, input, ImageWriteOptions.Default);
        string link = _folder["link.png"];
        File.CreateSymbolicLink(link, "photo.png");

        Assert.Throws<DreamOutputException>(() => ImageFile.Write(_image, link, new ImageWriteOptions { InputPath = input }));
    }

    [Fact]
    public void A_full_disk_is_an_exception_not_a_crash()
    {
        using var full = new FailingStream(new MemoryStream(), limit: 10);

        Assert.Throws<IOException>(() => ImageFile.Write(_image, full, "out.png", ImageFormat.Png, ImageWriteOptions.Default));
    }

    [Fact]
    public void Quality_reaches_the_jpeg_encoder()
    {
        var photo = ImageFile.Read(Sample("cat_chelsea.jpg"), ImageReadOptions.Default);

        int low = Encode(photo, ImageFormat.Jpeg, quality: 30).Length;
        int high = Encode(photo, ImageFormat.Jpeg, quality: 95).Length;

        Assert.True(low * 2 < high, $"quality 30 gave {low} bytes, quality 95 gave {high}");
    }
}
