using DeepDream.Batch;
using DeepDream.Tests.Batch;

namespace DeepDream.Tests.Sequences;

/// <summary><c>dream frames</c>: temporal blending, frame order, failures and resuming.</summary>
public sealed class FramesCommandTests : IDisposable
{
    /// <summary>Zero steps make the dream an identity, so each output is exactly the (blended) start it was given.</summary>
    private static readonly string[] Identity = ["--model", "tiny", "--octaves", "1", "--steps", "0"];

    private readonly TempFolder _temp = new();

    public FramesCommandTests()
    {
        // Numbered without padding, so name order would put frame10 first; frame11 is damaged; frame13 is a cut
        // to footage of another size.
        TestImages.Uniform(_temp["in/frame8.png"], 8, 6, 0);
        TestImages.Uniform(_temp["in/frame9.png"], 8, 6, 200);
        TestImages.Uniform(_temp["in/frame10.png"], 8, 6, 40);
        File.WriteAllText(_temp["in/frame11.png"], "damaged");
        TestImages.Uniform(_temp["in/frame12.png"], 8, 6, 80);
        TestImages.Uniform(_temp["in/frame13.png"], 6, 6, 10);
    }

    public void Dispose() => _temp.Dispose();

    private CliRun Frames(params string[] options) => CliRun.Invoke(["frames", _temp["in"], "--out", _temp["out"], .. Identity, .. options]);

    /// <summary>The single value every channel of every pixel of a uniform output has.</summary>
    private byte Value(string name)
    {
        var image = TestImages.Read(_temp[$"out/{name}"]);
        return Assert.Single(image.Rgb.Distinct());
    }

    [Fact]
    public void Each_frame_starts_from_the_blend_of_the_previous_dreamed_frame_and_itself()
    {
        var run = Frames("--blend", "0.5");

        Assert.Equal(ExitCodes.PartialFailure, run.ExitCode);
        Assert.Contains("frame11.png", run.Error);
        Assert.Equal(0, Value("frame8.png"));
        // 0.5·0 + 0.5·200.
        Assert.Equal(100, Value("frame9.png"));
        // 0.5·100 (the previous *dreamed* frame; its input was 200) + 0.5·40.
        Assert.Equal(70, Value("frame10.png"));
        // After the failed frame11, frame12 starts afresh; frame13 has another size, so it is not blended either.
        Assert.Equal(80, Value("frame12.png"));
        Assert.Equal(10, Value("frame13.png"));
    }

    [Fact]
    public void Blend_zero_dreams_each_frame_on_its_own()
    {
        Frames("--blend", "0");
        Assert.Equal(200, Value("frame9.png"));
        Assert.Equal(40, Value("frame10.png"));
    }

    [Fact]
    public void A_rerun_skips_done_frames_and_redoes_a_missing_one_from_the_previous_output()
    {
        Frames();
        var kept = File.GetLastWriteTimeUtc(_temp["out/frame9.png"]);
        File.Delete(_temp["out/frame10.png"]);

        var rerun = Frames("--json");

        Assert.Equal(kept, File.GetLastWriteTimeUtc(_temp["out/frame9.png"]));
        Assert.Equal(70, Value("frame10.png"));
        Assert.Contains("\"event\":\"skipped\",\"input\":\"frame9.png\"", rerun.Out);
        Assert.Contains("\"event\":\"done\",\"input\":\"frame10.png\"", rerun.Out);
        var latest = BatchManifest.Read(_temp["out/manifest.jsonl"]).GroupBy(r => r.Input).ToDictionary(g => g.Key, g => g.Last().Status);
        Assert.Equal(ManifestStatus.Skipped, latest["frame8.png"]);
        Assert.Equal(ManifestStatus.Done, latest["frame10.png"]);
    }

    [Fact]
    public void A_blend_outside_zero_to_one_is_a_usage_error()
    {
        var run = Frames("--blend", "1.5");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("--blend 1.5: must be between 0 and 1", run.Error);
        Assert.False(Directory.Exists(_temp["out"]));
    }

    [Fact]
    public void With_flow_a_frame_that_does_not_follow_from_the_one_before_starts_afresh()
    {
        // Uniform frames of unrelated brightness: nothing can be tracked from one to the next, so each is a cut. Blended
        // in place with --blend 1, frame9 would start from frame8's dream (0) instead.
        var flow = Frames("--flow", "--blend", "1");
        var inPlace = CliRun.Invoke(["frames", _temp["in"], "--out", _temp["in-place"], .. Identity, "--blend", "1"]);

        Assert.Equal(ExitCodes.PartialFailure, flow.ExitCode);
        Assert.Equal((200, 40, 80), (Value("frame9.png"), Value("frame10.png"), Value("frame12.png")));
        Assert.Equal(ExitCodes.PartialFailure, inPlace.ExitCode);
        Assert.Equal(0, Assert.Single(TestImages.Read(_temp["in-place/frame9.png"]).Rgb.Distinct()));
    }

    [Theory]
    [InlineData(new[] { "--flow", "--no-flow" }, "--flow and --no-flow: give one or the other")]
    [InlineData(new[] { "--layer-cycle", "conv2,conv3", "--layer", "conv2" }, "--layer-cycle chooses each frame's layer; leave out --layer and --class")]
    [InlineData(new[] { "--layer-cycle", "conv2,,conv3" }, "--layer-cycle conv2,,conv3: expected layers separated by commas, e.g. mixed3,mixed4")]
    [InlineData(new[] { "--layer-cycle", "conv2:4-1" }, "--layer-cycle conv2:4-1: channel range 4-1 is backwards")]
    [InlineData(new[] { "--layer-cycle", "conv2,nosuch" }, "nosuch")]
    public void Bad_coherence_options_are_usage_errors_before_any_frame(string[] options, string message)
    {
        var run = Frames(options);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.False(File.Exists(_temp["out/frame8.png"]));
    }
}
