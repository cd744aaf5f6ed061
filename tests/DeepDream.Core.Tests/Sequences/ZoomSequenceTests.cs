using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.IO;
using DeepDream.Models;
using DeepDream.Pipeline;
using DeepDream.Runtime;
using DeepDream.Sequences;
using DeepDream.Tests.Batch;
using DeepDream.Tests.Imaging;
using DeepDream.Tests.IO;

namespace DeepDream.Tests.Sequences;

public sealed class ZoomSequenceTests : IDisposable
{
    private static readonly DreamSettings Settings = new() { Layers = [new LayerObjective("conv2")], Octaves = 1, Steps = 2, Jitter = 4 };

    private readonly TempFolder _temp = new();
    private readonly TinyTestNetwork _network;
    private readonly RgbImage _start;

    public ZoomSequenceTests()
    {
        TorchRuntime.EnsureLoaded();
        _network = new TinyTestNetwork();
        _start = TestImages.Noise(40, 30, seed: 11);
    }

    public void Dispose()
    {
        _network.Dispose();
        _temp.Dispose();
    }

    private ZoomPlan Plan(int frames, string folder) => new() { Folder = _temp[folder], Frames = frames, Motion = new ZoomMotion(1.1, 3) };

    private ZoomResult Run(ZoomPlan plan, IProgress<ZoomFrameEvent>? progress = null, CancellationToken cancellation = default,
        DreamSettings? settings = null) =>
        new ZoomSequence(new DreamPipeline(_network, settings ?? Settings)).Run(_start, plan, progress, cancellation: cancellation);

    private byte[][] Frames(string folder) =>
        Directory.GetFiles(_temp[folder], "frame_*.png").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();

    [Fact]
    public void Makes_numbered_frames_of_the_dream_size_that_differ_from_each_other()
    {
        var result = Run(Plan(3, "zoom"), settings: Settings with { MaxSide = 20 });

        Assert.Equal((3, 0, 3, 0, false, ExitCodes.Ok), (result.Frames, result.Kept, result.Made, result.Remaining, result.Cancelled, result.ExitCode));
        Assert.Equal(["frame_00000.png", "frame_00001.png", "frame_00002.png", "zoom.json"],
            Directory.GetFiles(_temp["zoom"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var frames = Enumerable.Range(0, 3).Select(i => ImageFile.Read(_temp[$"zoom/frame_0000{i}.png"], ImageReadOptions.Default)).ToList();
        Assert.All(frames, frame => Assert.Equal((20, 15), (frame.Width, frame.Height)));
        Assert.Equal(3, frames.Select(frame => SettingsKey.Digest(frame)).Distinct().Count());
    }

    [Fact]
    public void An_interrupted_zoom_continues_to_exactly_the_frames_of_an_uninterrupted_one()
    {
        Run(Plan(4, "whole"));
        using var cancellation = new CancellationTokenSource();
        var stopAfterSecond = new SynchronousProgress<ZoomFrameEvent>(e =>
        {
            if (e is { Stage: ZoomFrameStage.Written, Index: 1 }) cancellation.Cancel();
        });

        var stopped = Run(Plan(4, "resumed"), stopAfterSecond, cancellation.Token);
        Assert.Equal((2, 2, true, ExitCodes.Interrupted), (stopped.Made, stopped.Remaining, stopped.Cancelled, stopped.ExitCode));
        Assert.Equal(2, Frames("resumed").Length);
        var kept = File.GetLastWriteTimeUtc(_temp["resumed/frame_00001.png"]);

        var resumed = Run(Plan(4, "resumed"));

        Assert.Equal((2, 2, false), (resumed.Kept, resumed.Made, resumed.Cancelled));
        Assert.Equal(kept, File.GetLastWriteTimeUtc(_temp["resumed/frame_00001.png"]));
        Assert.Equal(Frames("whole"), Frames("resumed"));
        Assert.Empty(Directory.GetFiles(_temp["resumed"], "*.tmp"));
    }

    [Fact]
    public void Temporary_frames_of_a_killed_run_are_deleted_by_the_next_and_a_running_ones_kept()
    {
        Run(Plan(2, "zoom"));
        string host = Leftovers.Tag.Split('@')[1];
        string killed = _temp.Write($"zoom/.frame_00002.png.{SpecialFiles.DeadProcessId()}@{host}.0123abcd.tmp", "half a frame");
        string killedLater = _temp.Write($"zoom/.frame_00007.png.{SpecialFiles.DeadProcessId()}@{host}.4567cdef.tmp", "half a frame");
        string running = _temp.Write($"zoom/.frame_00009.png.{Leftovers.Tag}.89abcdef.tmp", "being written");

        Run(Plan(3, "zoom"));

        Assert.False(File.Exists(killed));
        Assert.False(File.Exists(killedLater));
        Assert.True(File.Exists(running));
        Assert.Equal(3, Frames("zoom").Length);
    }

    [Fact]
    public void More_frames_extend_a_finished_zoom_and_a_damaged_last_frame_is_made_again()
    {
        Run(Plan(4, "whole"));
        Run(Plan(2, "grown"));
        File.WriteAllText(_temp["grown/frame_00001.png"], "damaged");

        var grown = Run(Plan(4, "grown"));

        Assert.Equal((1, 3), (grown.Kept, grown.Made));
        Assert.Equal(Frames("whole"), Frames("grown"));
    }

    [Fact]
    public void Other_settings_or_another_start_are_refused_naming_what_differs()
    {
        Run(Plan(2, "zoom"));
        var before = Frames("zoom");

        var steps = Assert.Throws<DreamSettingsException>(() => Run(Plan(3, "zoom"), settings: Settings with { Steps = 3 }));
        var motion = Assert.Throws<DreamSettingsException>(() => Run(Plan(3, "zoom") with { Motion = new ZoomMotion(1.2, 3) }));
        var start = Assert.Throws<DreamSettingsException>(() =>
            new ZoomSequence(new DreamPipeline(_network, Settings)).Run(new RgbImage(40, 30, new byte[40 * 30 * 3]), Plan(3, "zoom")));

        Assert.Equal(("Folder", _temp["zoom"]), (steps.Setting, steps.Value));
        Assert.Equal("holds a zoom made differently (changed: steps); choose another folder, or restart the zoom to discard its frames", steps.Problem);
        Assert.Contains("(changed: zoom)", motion.Message);
        Assert.Contains("(changed: start image)", start.Message);
        Assert.Equal(before, Frames("zoom"));
    }

    [Fact]
    public void Restart_replaces_the_frames_of_another_zoom()
    {
        Run(Plan(3, "zoom"));
        var other = Settings with { Seed = 5 };

        var result = Run(Plan(2, "zoom") with { Restart = true }, settings: other);

        Assert.Equal((0, 2), (result.Kept, result.Made));
        Run(Plan(2, "fresh"), settings: other);
        Assert.Equal(Frames("fresh"), Frames("zoom"));
    }

    [Fact]
    public void Frames_without_a_state_file_are_not_trusted()
    {
        _temp.Write("zoom/frame_00000.png", "someone else's");

        var error = Assert.Throws<DreamSettingsException>(() => Run(Plan(2, "zoom")));

        Assert.Contains("holds frame files but no zoom.json", error.Message);
        Assert.Equal("someone else's", File.ReadAllText(_temp["zoom/frame_00000.png"]));
    }
}
