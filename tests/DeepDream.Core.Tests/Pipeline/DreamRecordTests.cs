using System.Text.Json;
using DeepDream.Dreaming;
using DeepDream.Dreaming.Parameterizations;
using DeepDream.Imaging;
using DeepDream.Models;
using DeepDream.Pipeline;
using DeepDream.Runtime;

namespace DeepDream.Tests.Pipeline;

public sealed class DreamRecordTests
{
    private static readonly DreamRecord Sample = new()
    {
        Version = "0.1.0+abc",
        Model = new RecordedModel("tiny", "tiny", "tiny", "ab12"),
        Device = "cpu",
        Threads = 2,
        Start = DreamSource.File("/photos/café <1>.jpg") with { Pixels = "cd34" },
        Guide = DreamSource.Noise(8, 6, 20),
        Settings = new DreamSettings { Layers = [LayerObjective.Parse("conv2:1,3=0.5")], Seed = 9, GradientBlur = [0.5f, 1f], StepSizeEnd = 0.5f, Schedule = StepSchedule.Cosine },
        Output = new RecordedOutput(ImageFormat.Webp, 80),
    };

    [Fact]
    public void A_record_survives_its_json_with_every_setting()
    {
        var parsed = DreamRecord.Parse(Sample.ToJson(), "out.webp");

        Assert.Equal(Sample.ToJson(), parsed.ToJson());
        Assert.Equal(("conv2", 0.5f), (parsed.Settings.Layers.Single().Layer, parsed.Settings.Layers.Single().Weight));
        Assert.Equal([1, 3], parsed.Settings.Layers.Single().Channels);
        Assert.Equal((9, StepSchedule.Cosine, 0.5f), (parsed.Settings.Seed, parsed.Settings.Schedule, parsed.Settings.StepSizeEnd));
        Assert.Equal([0.5f, 1f], parsed.Settings.GradientBlur);
        Assert.Equal(Sample.Start, parsed.Start);
        Assert.Equal(Sample.Model, parsed.Model);
    }

    [Fact]
    public void Preparing_the_writer_changes_no_record()
    {
        // The CLI calls it while libtorch loads; it only compiles code, whatever a record holds.
        string before = Sample.ToJson();

        DreamRecord.PrepareWriting();

        Assert.Equal(before, Sample.ToJson());
        Assert.Equal(Sample.ToJson(), DreamRecord.Parse(Sample.ToJson(), "out.webp").ToJson());
    }

    [Fact]
    public void The_compiled_metadata_writes_what_reflection_writes()
    {
        // ToJson goes through RecordJsonContext for speed; the records it writes must be those reading expects.
        Assert.Equal(JsonSerializer.Serialize(Sample, DreamRecord.Json), Sample.ToJson());
        Assert.Contains("\"schedule\":\"cosine\"", Sample.ToJson());
        // Every kind of member a record can hold: classes (labels are not recorded), an octave, a sheet's tiles.
        var full = Sample with
        {
            Settings = Sample.Settings with { Classes = [3, 7], ClassLabels = ["tabby"], Parameterization = Parameterization.Fourier, DecorrelateColors = true },
            Octave = 2,
            Sheet = [new RecordedTile(Sample.Model!, "conv2")],
        };
        Assert.Equal(JsonSerializer.Serialize(full, DreamRecord.Json), full.ToJson());
    }

    [Fact]
    public void The_json_is_one_readable_line()
    {
        string json = Sample.ToJson();

        Assert.DoesNotContain('\n', json);
        Assert.Contains("\"version\":\"0.1.0+abc\"", json);
        Assert.Contains("café <1>.jpg", json);
        Assert.DoesNotContain("canBeMadeAgain", json);
    }

    [Theory]
    [InlineData("not json", "out.png: its recorded recipe cannot be read")]
    [InlineData("{\"program\":\"Other\",\"version\":\"1\",\"device\":\"cpu\",\"threads\":1,\"start\":{\"kind\":\"noise\"},\"settings\":{}}", "out.png: its metadata is not a DeepDream record")]
    [InlineData("{\"program\":\"DeepDream\",\"version\":\"1\",\"device\":\"cpu\",\"threads\":1,\"start\":{\"kind\":\"noise\"},\"settings\":{\"steps\":-1}}", "out.png: its recorded settings are invalid (Steps -1: must be between 0 and 10000)")]
    [InlineData("{\"program\":\"DeepDream\",\"device\":\"cpu\",\"threads\":1,\"start\":{\"kind\":\"noise\"},\"settings\":{}}", "out.png: its recorded recipe cannot be read")]
    public void A_broken_record_is_named_with_its_problem(string json, string message)
    {
        var error = Assert.Throws<DreamInputException>(() => DreamRecord.Parse(json, "out.png"));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Settings_a_record_does_not_hold_keep_their_defaults()
    {
        var parsed = DreamRecord.Parse("{\"program\":\"DeepDream\",\"version\":\"1\",\"device\":\"cpu\",\"threads\":1,\"start\":{\"kind\":\"noise\"},\"settings\":{\"steps\":3}}", "old.png");

        Assert.Equal(3, parsed.Settings.Steps);
        Assert.Equal(new DreamSettings().Octaves, parsed.Settings.Octaves);
        Assert.Empty(parsed.Settings.Classes);
    }

    [Fact]
    public void A_record_longer_than_the_limit_is_refused_unread()
    {
        var error = Assert.Throws<DreamInputException>(() => DreamRecord.Parse(new string(' ', DreamRecord.MaxLength + 1), "out.png"));

        Assert.Contains("more than 1048576", error.Message);
    }

    [Fact]
    public void A_network_with_other_weights_is_not_the_recorded_model()
    {
        TorchRuntime.EnsureLoaded();
        using var network = new TinyTestNetwork();
        var recorded = new DreamPipeline(network, new DreamSettings()).Record(DreamSource.Noise(8, 8, 0), StartImages.Noise(8, 8, 0, 0));

        recorded.CheckModel(network, "out.png");
        var other = recorded with { Model = recorded.Model! with { WeightsSha256 = new string('0', 64) } };
        var error = Assert.Throws<DreamInputException>(() => other.CheckModel(network, "out.png"));
        Assert.StartsWith("out.png: was made with tiny (weights SHA-256 0000", error.Message);
        Assert.Throws<DreamInputException>(() => (recorded with { Model = null }).CheckModel(network, "out.png"));
    }
}
