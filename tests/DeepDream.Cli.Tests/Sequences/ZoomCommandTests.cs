using System.Text.Json;
using DeepDream.Tests.Batch;

namespace DeepDream.Tests.Sequences;

/// <summary><c>dream zoom</c> through the command line.</summary>
public sealed class ZoomCommandTests : IDisposable
{
    private static readonly string[] Fast = ["--model", "tiny", "--octaves", "1", "--steps", "2"];

    private readonly TempFolder _temp = new();
    private readonly string _input;

    public ZoomCommandTests() => _input = TestImages.Random(_temp["start.png"], 64, 48, seed: 4);

    public void Dispose() => _temp.Dispose();

    private CliRun Zoom(params string[] options) => CliRun.Invoke(["zoom", _input, "--out", _temp["zoom"], .. Fast, .. options]);

    private static List<JsonElement> JsonLines(CliRun run) =>
        run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();

    [Fact]
    public void Writes_the_asked_number_of_frames_at_the_dream_size()
    {
        var run = Zoom("--frames", "3", "--zoom", "1.2", "--rotate", "10", "--max-size", "32", "--json");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        var lines = JsonLines(run);
        Assert.Equal([0, 1, 2], lines[..^1].Select(line => line.GetProperty("index").GetInt32()));
        Assert.Equal((3, 0, 3), (lines[^1].GetProperty("frames").GetInt32(), lines[^1].GetProperty("kept").GetInt32(), lines[^1].GetProperty("made").GetInt32()));
        for (int i = 0; i < 3; i++)
        {
            var frame = TestImages.Read(_temp[$"zoom/frame_0000{i}.png"]);
            Assert.Equal((32, 24), (frame.Width, frame.Height));
        }
    }

    [Fact]
    public void A_run_with_more_frames_continues_the_numbering_and_keeps_the_frames_there()
    {
        Zoom("--frames", "2");
        var first = File.GetLastWriteTimeUtc(_temp["zoom/frame_00001.png"]);

        var run = Zoom("--frames", "4", "--json");

        var lines = JsonLines(run);
        Assert.Equal([2, 3], lines[..^1].Select(line => line.GetProperty("index").GetInt32()));
        Assert.Equal((2, 2), (lines[^1].GetProperty("kept").GetInt32(), lines[^1].GetProperty("made").GetInt32()));
        Assert.Equal(first, File.GetLastWriteTimeUtc(_temp["zoom/frame_00001.png"]));
        Assert.Equal(["frame_00000.png", "frame_00001.png", "frame_00002.png", "frame_00003.png", "zoom.json"], Files("zoom"));
    }

    [Fact]
    public void Other_settings_in_the_same_folder_are_a_usage_error_until_restart()
    {
        Zoom("--frames", "2");

        var mismatch = Zoom("--frames", "2", "--zoom", "1.1");
        var restarted = Zoom("--frames", "1", "--zoom", "1.1", "--restart");

        Assert.Equal(ExitCodes.UsageError, mismatch.ExitCode);
        Assert.Equal(
            $"dream: error: --out {_temp["zoom"]}: holds a zoom made differently (changed: zoom); choose another folder, or restart the zoom to discard its frames\n",
            mismatch.Error);
        Assert.Equal(0, restarted.ExitCode);
        Assert.Equal(["frame_00000.png", "zoom.json"], Files("zoom"));
    }

    [Fact]
    public void Reads_the_start_image_from_stdin_and_stays_quiet_when_piped()
    {
        var run = CliRun.InvokeWithStdin(File.ReadAllBytes(_input), ["zoom", "-", "--out", _temp["zoom"], "--frames", "2", .. Fast]);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.StartsWith($"zoom: 2 frames in {_temp["zoom"]} (0 kept, 2 made", run.Out);
    }

    public static TheoryData<string[], int, string> BadCommandLines => new()
    {
        { ["--frames", "0"], ExitCodes.UsageError, "--frames 0" },
        { ["--zoom", "3"], ExitCodes.UsageError, "--zoom 3" },
        { ["--video", "zoom.avi"], ExitCodes.UsageError, "must be a .mp4 or .gif" },
        { ["--padding", "wrap"], ExitCodes.UsageError, "wrap" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public void Bad_options_fail_before_any_frame(string[] options, int exitCode, string message)
    {
        var run = Zoom(options);
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.False(Directory.Exists(_temp["zoom"]));
    }

    [Fact]
    public void An_unreadable_start_is_bad_input()
    {
        File.WriteAllText(_temp["bad.png"], "no");
        var run = CliRun.Invoke(["zoom", _temp["bad.png"], "--out", _temp["zoom"], .. Fast]);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.False(Directory.Exists(_temp["zoom"]));
    }

    private IReadOnlyList<string> Files(string folder) =>
        Directory.GetFiles(_temp[folder]).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;
}
