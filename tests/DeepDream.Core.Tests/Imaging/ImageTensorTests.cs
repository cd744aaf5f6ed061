using DeepDream.Imaging;
using DeepDream.Runtime;
using TorchSharp;
using static DeepDream.Tests.Imaging.TestImages;
using static TorchSharp.torch;

namespace DeepDream.Tests.Imaging;

public sealed class ImageTensorTests
{
    public ImageTensorTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Tensor_is_planar_rgb_with_the_byte_values()
    {
        // 2 x 1 image: (1, 2, 3) then (250, 251, 252).
        var image = new RgbImage(2, 1, [1, 2, 3, 250, 251, 252]);

        using var pixels = ImageTensor.ToTensor(image, CPU);

        Assert.Equal([1L, 3, 1, 2], pixels.shape);
        Assert.Equal(ScalarType.Float32, pixels.dtype);
        Assert.Equal([1f, 250, 2, 251, 3, 252], pixels.data<float>().ToArray());
    }

    [Fact]
    public void Photo_survives_the_round_trip_byte_for_byte()
    {
        var photo = ImageFile.Read(Sample("cat_chelsea.jpg"), ImageReadOptions.Default);

        using var pixels = ImageTensor.ToTensor(photo, CPU);
        var back = ImageTensor.ToImage(pixels);

        Assert.Equal((photo.Width, photo.Height), (back.Width, back.Height));
        Assert.Equal(photo.Rgb, back.Rgb);
    }

    [Fact]
    public void Values_are_rounded_and_clamped()
    {
        using var pixels = tensor(new[] { -5f, 0.4f, 0.6f, 127.49f, 127.51f, 254.6f, 300f, float.NaN, float.PositiveInfinity }, [1, 3, 1, 3]);

        var image = ImageTensor.ToImage(pixels);

        // Channel planes R = (-5, 0.4, 0.6), G = (127.49, 127.51, 254.6), B = (300, NaN, +inf), interleaved per pixel.
        Assert.Equal([0, 127, 255, 0, 128, 0, 1, 255, 255], image.Rgb);
    }

    [Fact]
    public void An_image_of_several_bands_is_converted_as_a_whole()
    {
        // 1000 px wide: 349 rows a band, so 800 rows are three bands, the last a short one.
        const int height = 800, width = 1000;
        Assert.True(height * width * 3 > 2 * ImageTensor.ToImageBandSubpixels);
        using var pixels = rand(new long[] { 1, 3, height, width }, generator: new Generator(5)).mul_(300).sub_(20);
        pixels[0, 1, 400, 7] = float.NaN;
        pixels[0, 2, 799, 999] = float.NegativeInfinity;
        using var expected = pixels.nan_to_num(0).round().clamp(0, 255).to(ScalarType.Byte).squeeze(0).permute(1, 2, 0).contiguous();

        var image = ImageTensor.ToImage(pixels);

        Assert.Equal(expected.data<byte>().ToArray(), image.Rgb);
        Assert.Equal(0, image.Rgb[(400 * width + 7) * 3 + 1]);
    }

    [Theory]
    [InlineData(ScalarType.Float32, 37, 29)]
    [InlineData(ScalarType.Float32, 150, 211)]
    [InlineData(ScalarType.Byte, 37, 29)]
    [InlineData(ScalarType.Byte, 150, 211)]
    public void Resizing_plane_by_plane_gives_the_numbers_of_one_whole_float_interpolation(ScalarType type, int height, int width)
    {
        using var values = rand(new long[] { 2, 3, 64, 90 }, generator: new Generator(6)).mul_(256).floor_();
        using var pixels = values.to(type);
        using var expected = nn.functional.interpolate(values, size: [height, width], mode: InterpolationMode.Bicubic,
            align_corners: false, antialias: true);

        using var resized = ImageTensor.Resize(pixels, height, width);

        Assert.Equal(ScalarType.Float32, resized.dtype);
        Assert.True(resized.eq(expected).all().item<bool>());
    }

    [Fact]
    public void Alpha_is_attached()
    {
        using var pixels = zeros(1, 3, 1, 2);

        var image = ImageTensor.ToImage(pixels, [7, 9]);

        Assert.Equal([7, 9], image.Alpha);
    }

    [Fact]
    public void Wrong_shape_is_rejected()
    {
        using var pixels = zeros(3, 4, 4);

        var error = Assert.Throws<ArgumentException>(() => ImageTensor.ToImage(pixels));
        Assert.Contains("3x4x4", error.Message);
    }

    [Theory]
    [InlineData(10, 20)]
    [InlineData(51, 77)]
    [InlineData(33, 33)]
    public void Resize_gives_the_asked_shape_and_keeps_a_constant_image_constant(int height, int width)
    {
        using var grey = full(1, 3, 32, 48, 93f);

        using var resized = ImageTensor.Resize(grey, height, width);

        Assert.Equal([1L, 3, height, width], resized.shape);
        Assert.Equal(grey.device_type, resized.device_type);
        Assert.True(resized.sub(93f).abs().max().item<float>() < 1e-3f);
    }

    [Fact]
    public void Shrinking_averages_fine_detail_instead_of_aliasing_it()
    {
        // One-pixel black/white stripes shrunk by 3: every output centre falls on an input pixel, so plain
        // bicubic would give pure black or white columns. Averaged, all are grey (edges a little off, where the
        // filter is cut short).
        using var stripes = arange(48).remainder(2).mul(255f).reshape(1, 1, 1, 48).expand(1, 3, 12, 48).contiguous();

        using var small = ImageTensor.Resize(stripes, 4, 16);

        Assert.True(small.sub(127.5f).abs().max().item<float>() < 15f, string.Join(", ", small[0, 0, 0].data<float>().ToArray()));
    }
}
