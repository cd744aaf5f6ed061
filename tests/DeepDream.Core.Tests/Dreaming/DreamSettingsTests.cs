using DeepDream.Dreaming;
using DeepDream.Dreaming.Parameterizations;

namespace DeepDream.Tests.Dreaming;

/// <summary>Each setting is checked as it is set, and the error names the property and the value.</summary>
public sealed class DreamSettingsTests
{
    public static TheoryData<Func<DreamSettings>, string, string, string> OutOfRange => new()
    {
        { () => new DreamSettings { Steps = -1 }, "Steps", "-1", "must be between 0 and 10000" },
        { () => new DreamSettings { Octaves = 0 }, "Octaves", "0", "must be between 1 and 16" },
        { () => new DreamSettings { OctaveScale = double.NaN }, "OctaveScale", "NaN", "must be between 1 and 4" },
        { () => new DreamSettings { StepSize = 0 }, "StepSize", "0", "must be above 0 and at most 255" },
        { () => new DreamSettings { StepSizeEnd = 300 }, "StepSizeEnd", "300", "must be between 0 and 255" },
        { () => new DreamSettings { Jitter = -2 }, "Jitter", "-2", "must be between 0 and 4096" },
        { () => new DreamSettings { MaxSide = 4 }, "MaxSide", "4", "must be at least 8 (or 0 for no limit)" },
        { () => new DreamSettings { TotalVariation = 101 }, "TotalVariation", "101", "must be between 0 and 100" },
        { () => new DreamSettings { L2Decay = 1 }, "L2Decay", "1", "must be at least 0 and below 1" },
        { () => new DreamSettings { GradientBlur = [1, 0] }, "GradientBlur", "1,0", "each sigma must be above 0 and at most 64" },
        { () => new DreamSettings { TileSize = 32 }, "TileSize", "32", "must be at least 64 (or 0 for automatic)" },
        { () => new DreamSettings { Classes = [3, -1] }, "Classes", "-1", "class indices must not be negative" },
        { () => new DreamSettings { Parameterization = (Parameterization)7 }, "Parameterization", "7", "must be pixel, fourier or laplacian" },
        { () => new DreamSettings { RandomScale = 0.6f }, "RandomScale", "0.6", "must be between 0 and 0.5" },
        { () => new DreamSettings { RandomRotation = -1 }, "RandomRotation", "-1", "must be between 0 and 45" },
        { () => new DreamSettings { Diversity = float.NaN }, "Diversity", "NaN", "must be between 0 and 100" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void A_value_out_of_range_is_refused_where_it_is_set(Func<DreamSettings> make, string setting, string value, string problem)
    {
        var error = Assert.Throws<DreamSettingsException>(make);

        Assert.Equal((setting, value, problem), (error.Setting, error.Value, error.Problem));
        Assert.Equal($"{setting} {value}: {problem}", error.Message);
    }

    [Fact]
    public void A_with_expression_checks_the_values_it_changes()
    {
        var settings = new DreamSettings { Steps = 3 };

        Assert.Throws<DreamSettingsException>(() => settings with { Octaves = 17 });
        Assert.Equal(5, (settings with { Steps = 5 }).Steps);
    }

    [Fact]
    public void The_message_can_name_the_setting_another_way() =>
        Assert.Equal("--steps -1: must be between 0 and 10000",
            Assert.Throws<DreamSettingsException>(() => new DreamSettings { Steps = -1 }).Describe("--steps"));
}
