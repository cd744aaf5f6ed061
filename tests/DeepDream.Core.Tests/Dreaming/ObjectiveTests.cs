using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Models;
using DeepDream.Pipeline;
using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Tests.Dreaming;

public sealed class ObjectiveTests : IDisposable
{
    private readonly TinyTestNetwork _network;

    public ObjectiveTests()
    {
        TorchRuntime.EnsureLoaded();
        _network = new TinyTestNetwork();
    }

    [Fact]
    public void Class_objective_raises_that_logit()
    {
        using var image = TestImages.Random(48, 48, 21);
        double Logit(Tensor pixels)
        {
            using var _ = no_grad();
            return _network.Forward(pixels, ["logits"])["logits"][0, 3].item<float>();
        }
        var settings = new DreamSettings { Octaves = 1, Steps = 10, Classes = [3] };
        using var result = new DreamPipeline(_network, settings).Dream(image);
        Assert.True(Logit(result.Image) > Logit(image) + 0.05, $"{Logit(image)} -> {Logit(result.Image)}");
        Assert.True(result.Octaves[0].Objective[^1] > result.Octaves[0].Objective[0]);
    }

    [Fact]
    public void Class_out_of_range_is_a_usage_error()
    {
        var error = Assert.Throws<DreamSettingsException>(() => new DreamPipeline(_network, new DreamSettings { Classes = [10] }));
        Assert.Equal("Classes 10: model 'tiny' has classes 0-9", error.Message);
    }

    [Fact]
    public void Channel_objective_raises_that_channel_more_than_the_rest()
    {
        using var image = TestImages.Random(40, 40, 23, 100, 156);
        double Channel(Tensor pixels, int c)
        {
            using var _ = no_grad();
            return _network.Forward(pixels, ["conv2"])["conv2"][0, c].square().mean().item<float>();
        }
        var settings = new DreamSettings { Octaves = 1, Steps = 8, Jitter = 0, Layers = [LayerObjective.Parse("conv2:5")] };
        using var result = new DreamPipeline(_network, settings).Dream(image);
        double gain5 = Channel(result.Image, 5) / Channel(image, 5);
        double gain6 = Channel(result.Image, 6) / Channel(image, 6);
        Assert.True(gain5 > 1.5 && gain5 > gain6, $"channel 5 x{gain5:F2}, channel 6 x{gain6:F2}");
    }

    [Fact]
    public void Guided_dream_climbs_the_guide_match_and_differs_from_the_unguided_one()
    {
        using var image = TestImages.Random(40, 40, 24);
        using var guide = TestImages.Random(32, 32, 25);
        var settings = new DreamSettings { Octaves = 1, Steps = 6, Layers = [new LayerObjective("conv2")] };
        using var guided = new DreamPipeline(_network, settings, ImageTensor.ToImage(guide)).Dream(image);
        using var plain = new DreamPipeline(_network, settings).Dream(image);
        Assert.True(guided.Octaves[0].Objective[^1] > guided.Octaves[0].Objective[0]);
        Assert.True(guided.Image.sub(plain.Image).abs().mean().item<float>() > 0.5);
    }

    [Fact]
    public void A_model_without_recommended_layers_needs_a_layer()
    {
        var error = Assert.Throws<DreamSettingsException>(() =>
            new DreamPipeline(new IdentityNetwork(recommendsItsLayer: false), new DreamSettings { Octaves = 1, Steps = 1 }));
        Assert.StartsWith("Layers: model 'identity' has no recommended layer", error.Message);
    }

    [Fact]
    public void Guide_terms_on_one_layer_keep_their_own_channels()
    {
        using var image = TestImages.Random(32, 32, 28);
        using var guide = TestImages.Random(24, 24, 29);
        var settings = new DreamSettings { Octaves = 1, Steps = 3, Layers = [LayerObjective.Parse("conv2:1"), LayerObjective.Parse("conv2:2,3")] };
        using var result = new DreamPipeline(_network, settings, ImageTensor.ToImage(guide)).Dream(image);
        Assert.True(result.Octaves[0].Objective[^1] > result.Octaves[0].Objective[0]);
    }

    [Fact]
    public void Weighted_layers_add_up()
    {
        using var image = TestImages.Random(24, 24, 26);
        double Value(params LayerObjective[] terms)
        {
            using var objective = new Objective(_network, new DreamSettings { Layers = terms });
            using var _ = no_grad();
            return objective.Evaluate(image).item<float>();
        }
        double a = Value(new LayerObjective("conv1")), b = Value(new LayerObjective("conv3"));
        Assert.Equal(a + 0.5 * b, Value(new LayerObjective("conv1"), new LayerObjective("conv3", 0.5f)), 4);
    }

    [Fact]
    public void A_neuron_term_reads_only_the_centre_of_its_channel()
    {
        using var identity = new IdentityNetwork();
        using var objective = new Objective(identity, new DreamSettings { Layers = [LayerObjective.Parse("input:1@center=2")] });
        using var image = TestImages.Random(5, 8, 31);
        using var _ = no_grad();

        float centre = image[0, 1, 2, 4].item<float>();
        Assert.Equal(2.0 * centre * centre, objective.Evaluate(image).item<float>(), 1);
        Assert.True(objective.NeedsWholeImage);
    }

    [Fact]
    public void Diversity_subtracts_the_images_mean_Gram_similarity_times_the_objective()
    {
        using var identity = new IdentityNetwork();
        using var objective = new Objective(identity, new DreamSettings { Layers = [new LayerObjective("input")], Diversity = 0.5f });
        using var same = TestImages.Random(4, 4, 32).expand(2, 3, 4, 4).contiguous();
        using var apart = zeros(2, 3, 4, 4);
        apart[0, 0] = full(4, 4, 3f);    // one image only red, the other only green: orthogonal Gram matrices
        apart[1, 1] = full(4, 4, 3f);
        using var _ = no_grad();

        double meanSquare = same.square().mean().item<float>();
        // Identical images: each is fully similar to the other one, so the similarity is 1 and half the value goes.
        Assert.Equal(meanSquare * (1 - 0.5), objective.Evaluate(same).item<float>(), 2);
        Assert.Equal(apart.square().mean().item<float>(), objective.Evaluate(apart).item<float>(), 4);
        Assert.True(objective.NeedsWholeImage);
    }

    [Fact]
    public void Images_dreamed_with_diversity_end_less_alike()
    {
        using var starts = TestImages.Random(32, 32, 33, 108, 148).expand(2, 3, 32, 32).contiguous();
        starts[1].add_(TestImages.Random(32, 32, 34, -8, 8)[0]);
        double Similarity(float diversity)
        {
            var settings = new DreamSettings { Octaves = 1, Steps = 12, Jitter = 2, Layers = [new LayerObjective("conv2")], Diversity = diversity };
            using var result = new DreamPipeline(_network, settings).Dream(starts);
            using var __ = no_grad();
            var features = _network.Forward(result.Image, ["conv2"])["conv2"].flatten(2);
            var grams = features.matmul(features.transpose(1, 2)).flatten(1);
            return nn.functional.cosine_similarity(grams[0].unsqueeze(0), grams[1].unsqueeze(0)).item<float>();
        }

        double pushed = Similarity(5), free = Similarity(0);
        Assert.True(pushed < free - 0.01, $"with diversity {pushed}, without {free}");
    }

    public void Dispose() => _network.Dispose();
}
