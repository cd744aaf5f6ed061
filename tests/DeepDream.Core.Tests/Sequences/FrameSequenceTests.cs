using DeepDream.Batch;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Models;
using DeepDream.Pipeline;
using DeepDream.Runtime;
using DeepDream.Sequences;
using DeepDream.Tests.Video;
using DeepDream.Video;

namespace DeepDream.Tests.Sequences;

public sealed class FrameSequenceTests : IDisposable
{
    private static readonly DreamSettings Settings = new() { Layers = [new LayerObjective("conv2")], Octaves = 1, Steps = 4, Jitter = 8, Seed = 5 };

    private readonly TempFolder _temp = new();
    private readonly TinyTestNetwork _network;

    public FrameSequenceTests()
    {
        TorchRuntime.EnsureLoaded();
        _network = new TinyTestNetwork();
    }

    public void Dispose()
    {
        _network.Dispose();
        _temp.Dispose();
    }

    private IReadOnlyList<BatchItem> WriteFrames(IEnumerable<RgbImage> frames)
    {
        Directory.CreateDirectory(_temp["in"]);
        return frames.Select((frame, i) =>
        {
            string name = $"frame{i + 1}.png";
            ImageFile.Write(frame, _temp[$"in/{name}"], ImageWriteOptions.Default);
            return new BatchItem(_temp[$"in/{name}"], name);
        }).ToList();
    }

    private List<RgbImage> Run(IReadOnlyList<BatchItem> frames, FrameOptions options, string output)
    {
        var result = new FrameSequence(new DreamPipeline(_network, Settings), ImageReadOptions.Default, ImageWriteOptions.Default, options)
            .Run(frames, new OutputLayout(_temp[output], "png"));
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        return frames.Select(frame => ImageFile.Read(_temp[$"{output}/{frame.RelativePath}"], ImageReadOptions.Default)).ToList();
    }

    [Fact]
    public void Frame_i_dreams_with_seed_plus_i_and_the_layer_cycle_entry_i()
    {
        var still = MovingScene.Frame(40, 30);
        var frames = WriteFrames([still, still, still]);

        var dreamed = Run(frames, new FrameOptions { Blend = 0, LayerCycle = [new LayerObjective("conv2"), new LayerObjective("conv3")] }, "out");

        string[] layers = ["conv2", "conv3", "conv2"];
        for (int i = 0; i < 3; i++)
        {
            var alone = new DreamPipeline(_network, Settings with { Layers = [new LayerObjective(layers[i])], Seed = Settings.Seed + i })
                .Dream(ImageFile.Read(frames[i].SourcePath, ImageReadOptions.Default)).Image;
            Assert.Equal(SettingsKey.Digest(alone), SettingsKey.Digest(dreamed[i]));
        }
        Assert.NotEqual(SettingsKey.Digest(dreamed[0]), SettingsKey.Digest(dreamed[2]));
    }

    [Fact]
    public void A_cycle_layer_the_network_lacks_is_refused_before_any_frame()
    {
        var error = Assert.Throws<UnknownLayerException>(() => new FrameSequence(new DreamPipeline(_network, Settings),
            ImageReadOptions.Default, ImageWriteOptions.Default, new FrameOptions { LayerCycle = [new LayerObjective("conv2"), new LayerObjective("mixed4")] }));
        Assert.Contains("mixed4", error.Message);
    }

    [Fact]
    public void Carried_along_the_flow_the_dream_moves_with_the_scene()
    {
        // The scene moves 3 px right and 2 px down each frame. Blended in place, the previous dream stays where it was
        // while the scene moves on under it; carried along the flow, it moves with the scene.
        var frames = WriteFrames(Enumerable.Range(0, 3).Select(i => MovingScene.Frame(64, 48, dx: 3 * i, dy: 2 * i)));

        double blended = MeanWarpingError(frames, Run(frames, new FrameOptions { Blend = 0.8 }, "blended"));
        double flow = MeanWarpingError(frames, Run(frames, new FrameOptions { Blend = 0.8, Flow = true }, "flow"));

        Assert.True(flow < 0.5 * blended, $"flow {flow:F2}, blended {blended:F2}");
    }

    private static double MeanWarpingError(IReadOnlyList<BatchItem> frames, List<RgbImage> dreamed)
    {
        var sources = frames.Select(frame => ImageFile.Read(frame.SourcePath, ImageReadOptions.Default)).ToList();
        return Enumerable.Range(1, frames.Count - 1).Average(i =>
        {
            using var motion = FrameMotion.Estimate(sources[i - 1], sources[i]);
            return TemporalWarpingError.Between(motion, dreamed[i - 1], dreamed[i])!.Value;
        });
    }
}
