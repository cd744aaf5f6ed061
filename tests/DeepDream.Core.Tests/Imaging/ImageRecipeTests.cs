using DeepDream.Imaging;
using static DeepDream.Tests.Imaging.TestImages;

namespace DeepDream.Tests.Imaging;

public sealed class ImageRecipeTests : IDisposable
{
    private const string Recipe = "{\"settings\":{\"layers\":[\"mixed4\"]},\"note\":\"<&> 'quotes' \\\"escaped\\\" café\nsecond line\"}";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("out.png", false)]
    [InlineData("out.png", true)]
    [InlineData("out.jpg", false)]
    [InlineData("out.webp", false)]
    [InlineData("out.webp", true)]
    public void A_recipe_written_with_the_image_is_read_back_exactly_and_the_pixels_are_unchanged(string name, bool alpha)
    {
        var image = WithAlpha(Quadrants(48, 32, Red, Green, Blue, White), alpha);
        ImageFile.Write(image, _folder["plain" + Path.GetExtension(name)], ImageWriteOptions.Default);

        ImageFile.Write(image, _folder[name], new ImageWriteOptions { Recipe = Recipe });

        Assert.Equal(Recipe, ImageRecipe.Read(_folder[name]));
        var plain = ImageFile.Read(_folder["plain" + Path.GetExtension(name)], new ImageReadOptions());
        var recorded = ImageFile.Read(_folder[name], new ImageReadOptions());
        Assert.Equal(plain.Rgb, recorded.Rgb);
        Assert.Equal(plain.Alpha, recorded.Alpha);
    }

    [Theory]
    [InlineData("out.png")]
    [InlineData("out.jpg")]
    [InlineData("out.webp")]
    public void An_image_written_without_a_recipe_has_none(string name)
    {
        ImageFile.Write(Quadrants(8, 8, Red, Green, Blue, White), _folder[name], ImageWriteOptions.Default);

        Assert.Null(ImageRecipe.Read(_folder[name]));
    }

    [Fact]
    public void The_recipe_sits_where_each_format_keeps_its_xmp()
    {
        var image = Quadrants(8, 8, Red, Green, Blue, White);
        foreach (var name in new[] { "a.png", "a.jpg", "a.webp" })
            ImageFile.Write(image, _folder[name], new ImageWriteOptions { Recipe = "{}" });

        byte[] png = File.ReadAllBytes(_folder["a.png"]);
        Assert.Equal("iTXt", System.Text.Encoding.ASCII.GetString(png, 37, 4));
        Assert.Equal("XML:com.adobe.xmp", System.Text.Encoding.ASCII.GetString(png, 41, 17));
        byte[] jpeg = File.ReadAllBytes(_folder["a.jpg"]);
        int app1 = jpeg.AsSpan().IndexOf("http://ns.adobe.com/xap/1.0/\0"u8);
        Assert.True(app1 > 0 && jpeg[app1 - 4] == 0xFF && jpeg[app1 - 3] == 0xE1, "no XMP APP1 segment");
        byte[] webp = File.ReadAllBytes(_folder["a.webp"]);
        Assert.Equal("VP8X", System.Text.Encoding.ASCII.GetString(webp, 12, 4));
        Assert.Equal(0x04, webp[20] & 0x04);
        Assert.Equal(webp.Length - 8, BitConverter.ToInt32(webp, 4));
        Assert.True(webp.AsSpan().IndexOf("XMP "u8) > 0);
    }

    [Fact]
    public void A_file_that_is_not_an_image_is_named_with_the_problem()
    {
        string path = _folder.Write("notes.png", "not an image at all");

        var error = Assert.Throws<DreamInputException>(() => ImageRecipe.Read(path));
        Assert.StartsWith($"{path}: not an image", error.Message);
        Assert.Contains("file not found", Assert.Throws<DreamInputException>(() => ImageRecipe.Read(_folder["missing.png"])).Message);
    }

    private static RgbImage WithAlpha(RgbImage image, bool alpha) =>
        alpha ? new RgbImage(image.Width, image.Height, image.Rgb, Enumerable.Range(0, (int)image.PixelCount).Select(i => (byte)(i * 7)).ToArray()) : image;
}
