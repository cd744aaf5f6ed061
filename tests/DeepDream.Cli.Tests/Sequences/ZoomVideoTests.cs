using System.Runtime.Versioning;
using DeepDream.Tests.Batch;

namespace DeepDream.Tests.Sequences;

/// <summary>
/// <c>dream zoom --video</c> as a separate process, so each run gets its own PATH: one without ffmpeg, and one with
/// a stand-in ffmpeg (a shell script, hence Linux) that records its arguments in the "video" it is asked for.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ZoomVideoTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string[] _zoom;

    public ZoomVideoTests()
    {
        string input = TestImages.Random(_temp["start.png"], 32, 24, seed: 8);
        _zoom = ["zoom", input, "--out", _temp["zoom"], "--frames", "2", "--model", "tiny", "--octaves", "1", "--steps", "1", "--threads", "1"];
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Without_ffmpeg_on_path_the_video_is_refused_before_any_work()
    {
        Directory.CreateDirectory(_temp["empty"]);

        var run = await DreamProcess.RunAsync([.. _zoom, "--video", _temp["zoom.mp4"]], searchPath: _temp["empty"]);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Equal($"dream: error: --video {_temp["zoom.mp4"]}: ffmpeg is not on PATH; install it, or leave out the video and assemble the frames yourself\n", run.Error);
        Assert.False(Directory.Exists(_temp["zoom"]));
    }

    [Fact]
    public async Task With_ffmpeg_on_path_the_frames_become_the_video()
    {
        string ffmpeg = _temp["tools/ffmpeg"];
        Directory.CreateDirectory(_temp["tools"]);
        File.WriteAllText(ffmpeg, "#!/bin/sh\nfor a in \"$@\"; do last=\"$a\"; done\nprintf '%s\\n' \"$@\" > \"${last#file:}\"\n");
        File.SetUnixFileMode(ffmpeg, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var run = await DreamProcess.RunAsync([.. _zoom, "--video", _temp["zoom.gif"], "--fps", "12"], searchPath: _temp["tools"]);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.EndsWith($"; video {_temp["zoom.gif"]}\n", run.Out);
        var arguments = File.ReadAllLines(_temp["zoom.gif"]);
        Assert.Equal(["-framerate", "12"], arguments.SkipWhile(a => a != "-framerate").Take(2));
        Assert.Equal(["-i", "file:" + _temp["zoom/frame_%05d.png"]], arguments.SkipWhile(a => a != "-i").Take(2));
        Assert.Equal(["-frames:v", "2"], arguments.SkipWhile(a => a != "-frames:v").Take(2));
        Assert.True(File.Exists(_temp["zoom/frame_00001.png"]));
    }
}
