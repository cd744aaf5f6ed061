using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Models;
using DeepDream.Pipeline;
using DeepDream.Runtime;
using DeepDream.Tests.Imaging;

namespace DeepDream.Tests.Pipeline;

/// <summary>The front door: settings completed and checked once, the pyramid planned once, events in order, the target checked first.</summary>
public sealed class DreamPipelineTests : IDisposable
{
    private readonly TinyTestNetwork _network;
    private readonly TempFolder _folder = new();
    private readonly RgbImage _photo;

    public DreamPipelineTests()
    {
        TorchRuntime.EnsureLoaded();
        _network = new TinyTestNetwork();
        _photo = TestImages.Noise(60, 40, seed: 3);
    }

    public void Dispose()
    {
        _network.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Settings_are_completed_for_the_network_once()
    {
        var pipeline = new DreamPipeline(_network, new DreamSettings { Steps = 2 });

        Assert.Equal([new LayerObjective("conv2")], pipeline.Settings.Layers);
        Assert.Equal(2, pipeline.Settings.Steps);
        Assert.Empty(new DreamPipeline(_network, new DreamSettings { Classes = [4] }).Settings.Layers);
    }

    [Fact]
    public void The_plan_fits_the_size_limit_and_lists_the_octaves_coarsest_first()
    {
        var pipeline = new DreamPipeline(_network, new DreamSettings { MaxSide = 30, Octaves = 3, OctaveScale = 1.5, Steps = 4 });

        var plan = pipeline.Plan(40, 60);

        Assert.Equal((20, 30), (plan.Height, plan.Width));
        Assert.Equal([(9, 13), (13, 20), (20, 30)], plan.Octaves);
        Assert.Equal(4, plan.StepsPerOctave);
        Assert.Equal(0.0, plan.FractionDone(1, 0));
        Assert.Equal(1.0, plan.FractionDone(3, 4), 12);
        // The last octave holds most of the pixels, so most of the work.
        Assert.True(plan.FractionDone(2, 4) < 0.5);
    }

    [Fact]
    public void Events_come_in_order_plan_steps_octaves_written()
    {
        var settings = new DreamSettings { Octaves = 2, Steps = 3, Jitter = 2 };
        var pipeline = new DreamPipeline(_network, settings);
        var events = new List<DreamEvent>();

        var dreamed = pipeline.Dream(_photo, ImageTarget.File(_folder["out.png"]), new Recorder(events));

        var planned = Assert.IsType<DreamPlanned>(events[0]);
        Assert.Equal(pipeline.Plan(40, 60).Octaves, planned.Plan.Octaves);
        Assert.Equal(
            ["step 1.1", "step 1.2", "step 1.3", "octave 1", "step 2.1", "step 2.2", "step 2.3", "octave 2", "written"],
            events.Skip(1).Select(e => e switch
            {
                DreamStep s => $"step {s.Octave}.{s.Step}",
                OctaveDone o => $"octave {o.Octave}",
                DreamWritten => "written",
                _ => e.ToString(),
            }));
        Assert.Equal(_folder["out.png"], Assert.IsType<DreamWritten>(events[^1]).Target);
        Assert.Equal(planned.Plan.Octaves, dreamed.Octaves.Select(o => (o.Height, o.Width)));
        Assert.Equal((60, 40), (ImageFile.Read(_folder["out.png"], ImageReadOptions.Default).Width, dreamed.Image.Height));
    }

    [Fact]
    public void A_target_that_cannot_be_written_fails_before_any_step()
    {
        Directory.CreateDirectory(_folder["taken.png"]);
        var pipeline = new DreamPipeline(_network, new DreamSettings { Octaves = 1, Steps = 5 });
        var events = new List<DreamEvent>();

        var error = Assert.Throws<DreamOutputException>(() => pipeline.Dream(_photo, ImageTarget.File(_folder["taken.png"]), new Recorder(events)));

        Assert.Equal($"{_folder["taken.png"]}: is a folder; name the output file", error.Message);
        Assert.Empty(events);
    }

    [Fact]
    public void No_steps_make_a_report_without_objective_values()
    {
        var dreamed = new DreamPipeline(_network, new DreamSettings { Octaves = 2, Steps = 0 }).Dream(_photo);

        Assert.Null(dreamed.ObjectiveFirst);
        Assert.Null(dreamed.ObjectiveLast);
        Assert.All(dreamed.Octaves, octave => Assert.Empty(octave.Objective));
    }

    [Fact]
    public void An_objective_of_zero_weights_is_refused_naming_the_layers()
    {
        var error = Assert.Throws<DreamSettingsException>(() =>
            new DreamPipeline(_network, new DreamSettings { Layers = [LayerObjective.Parse("conv2=0"), LayerObjective.Parse("conv3=0")] }));

        Assert.Equal(("Layers", "conv2=0 conv3=0"), (error.Setting, error.Value));
        Assert.StartsWith("every weight is 0", error.Problem);
    }

    [Fact]
    public void Layers_and_class_labels_are_checked_against_the_network()
    {
        var layer = Assert.Throws<UnknownLayerException>(() => new DreamPipeline(_network, new DreamSettings { Layers = [new LayerObjective("conv9")] }));
        var label = Assert.Throws<DreamSettingsException>(() => new DreamPipeline(_network, new DreamSettings { ClassLabels = ["tabby"] }));

        Assert.Contains("conv9", layer.Message);
        Assert.Equal("ClassLabels tabby: model 'tiny' has no class labels; give a class index", label.Message);
    }

    private sealed class Recorder(List<DreamEvent> events) : IProgress<DreamEvent>
    {
        public void Report(DreamEvent value) => events.Add(value);
    }

    [Fact]
    public void Images_dreamed_together_come_back_in_order_at_the_planned_size()
    {
        var other = new RgbImage(60, 40, _photo.Rgb.Reverse().ToArray());
        var pipeline = new DreamPipeline(_network, new DreamSettings { MaxSide = 30, Octaves = 1, Steps = 2 });

        var dreamed = pipeline.Dream([_photo, other]);

        Assert.Equal(2, dreamed.Count);
        Assert.All(dreamed, d => Assert.Equal((30, 20), (d.Image.Width, d.Image.Height)));
        Assert.NotEqual(dreamed[0].Image.Rgb, dreamed[1].Image.Rgb);
    }

    [Fact]
    public void Images_of_different_sizes_cannot_be_dreamed_together()
    {
        var pipeline = new DreamPipeline(_network, new DreamSettings { Octaves = 1, Steps = 1 });
        var small = new RgbImage(30, 20, new byte[30 * 20 * 3]);

        Assert.Throws<ArgumentException>(() => pipeline.Dream([_photo, small]));
    }

    [Theory]
    [InlineData("conv2:1@center", 0f)]
    [InlineData("conv2", 1f)]
    public void A_fixed_tile_size_is_refused_for_objectives_that_need_the_whole_image(string layer, float diversity)
    {
        var settings = new DreamSettings { Layers = [LayerObjective.Parse(layer)], Diversity = diversity, TileSize = 64 };

        var error = Assert.Throws<DreamSettingsException>(() => new DreamPipeline(_network, settings));

        Assert.Equal(("TileSize", "64"), (error.Setting, error.Value));
        Assert.Contains("need the whole image", error.Message);
    }
}
