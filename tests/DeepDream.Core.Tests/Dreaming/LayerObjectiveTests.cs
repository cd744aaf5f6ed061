using DeepDream.Dreaming;

namespace DeepDream.Tests.Dreaming;

public sealed class LayerObjectiveTests
{
    [Theory]
    [InlineData("inception4c", "inception4c", 1f, null)]
    [InlineData("inception3b=0.5", "inception3b", 0.5f, null)]
    [InlineData("inception4c:139", "inception4c", 1f, "139")]
    [InlineData("mixed4:1,5,8-10=2", "mixed4", 2f, "1,5,8,9,10")]
    [InlineData("inception_4c/output_1", "inception_4c/output_1", 1f, null)]
    [InlineData("/inception4c/Concat_output_0:3", "/inception4c/Concat_output_0", 1f, "3")]
    public void Parses_the_layer_forms(string spec, string layer, float weight, string? channels)
    {
        var parsed = LayerObjective.Parse(spec);
        Assert.Equal(layer, parsed.Layer);
        Assert.Equal(weight, parsed.Weight);
        Assert.Equal(channels, parsed.Channels is null ? null : string.Join(",", parsed.Channels));
    }

    [Theory]
    [InlineData("layer3:10@center", "layer3", 1f, "10")]
    [InlineData("layer3:10,11@CENTER=2", "layer3", 2f, "10,11")]
    [InlineData("layer3@center", "layer3", 1f, null)]
    public void Parses_neurons_at_the_centre(string spec, string layer, float weight, string? channels)
    {
        var parsed = LayerObjective.Parse(spec);
        Assert.Equal((layer, weight, true), (parsed.Layer, parsed.Weight, parsed.AtCenter));
        Assert.Equal(channels, parsed.Channels is null ? null : string.Join(",", parsed.Channels));
        Assert.False(LayerObjective.Parse("layer3:10").AtCenter);
    }

    [Theory]
    [InlineData("layer3:10@center")]
    [InlineData("layer3:1,2@center=0.5")]
    [InlineData("layer3=2")]
    public void Writes_back_what_it_parses(string spec) => Assert.Equal(spec, LayerObjective.Parse(spec).ToString());

    [Theory]
    [InlineData("mixed4=abc", "weight")]
    [InlineData("=2", "empty")]
    [InlineData("mixed4:5-2", "backwards")]
    public void Rejects_bad_forms(string spec, string expected)
    {
        var error = Assert.Throws<DreamSettingsException>(() => LayerObjective.Parse(spec));
        Assert.Contains(expected, error.Message);
        Assert.Equal(("Layers", spec), (error.Setting, error.Value));
        Assert.StartsWith($"Layers {spec}: ", error.Message);
    }
}
