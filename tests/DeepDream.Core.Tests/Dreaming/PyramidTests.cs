using DeepDream.Dreaming;

namespace DeepDream.Tests.Dreaming;

public sealed class PyramidTests
{
    [Fact]
    public void Sizes_go_from_coarse_to_the_image_size()
    {
        // 341 / 1.4³ = 124.3, 512 / 1.4³ = 186.6; 341 / 1.4² = 174.0, 512 / 1.4² = 261.2; 341 / 1.4 = 243.6, 512 / 1.4 = 365.7
        var sizes = Pyramid.Sizes(341, 512, 4, 1.4);
        Assert.Equal([(124, 187), (174, 261), (244, 366), (341, 512)], sizes);
    }
}
