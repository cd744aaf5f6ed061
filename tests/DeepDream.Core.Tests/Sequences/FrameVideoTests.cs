using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using DeepDream.Dreaming;
using DeepDream.IO;
using DeepDream.Sequences;
using DeepDream.Tests.Batch;

namespace DeepDream.Tests.Sequences;

/// <remarks>Stand-in ffmpegs are shell scripts, so these run where the project does: Linux.</remarks>
[SupportedOSPlatform("linux")]
public sealed class FrameVideoTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A stand-in ffmpeg: a shell script with the given body, made executable.</summary>
    private string FakeFfmpeg(string folder, string body)
    {
        string path = _temp.Write($"{folder}/ffmpeg", "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public void Finds_an_executable_ffmpeg_on_the_search_path_only()
    {
        _temp.Write("plain/ffmpeg", "not executable");
        string ffmpeg = FakeFfmpeg("tools", "exit 0");
        Directory.CreateDirectory(_temp["empty"]);

        Assert.Equal(ffmpeg, FrameVideo.FindFfmpeg(string.Join(':', _temp["empty"], _temp["plain"], _temp["tools"])));
        Assert.Null(FrameVideo.FindFfmpeg(string.Join(':', _temp["empty"], _temp["plain"])));
        Assert.Null(FrameVideo.FindFfmpeg(null));
    }

    [Fact]
    public void Mp4_and_gif_get_their_own_filters_and_named_formats()
    {
        var mp4 = FrameVideo.Arguments(_temp["out"], "frame_%05d.png", 12, 24, _temp["zoom.mp4"], "mp4");
        Assert.Equal(
            ["-y", "-nostdin", "-loglevel", "error", "-framerate", "24", "-start_number", "0", "-i", $"file:{_temp["out"]}/frame_%05d.png",
             "-frames:v", "12", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-pix_fmt", "yuv420p", "-f", "mp4", $"file:{_temp["zoom.mp4"]}"],
            mp4);
        var gif = FrameVideo.Arguments(_temp["out"], "f_%05d.png", 3, 12.5, _temp["zoom.GIF"], "gif");
        Assert.Equal(["-vf", "split[a][b];[a]palettegen[p];[b][p]paletteuse", "-f", "gif", $"file:{_temp["zoom.GIF"]}"], gif.TakeLast(5));
        Assert.Contains("12.5", gif);
    }

    [Fact]
    public void Paths_reach_ffmpeg_literally()
    {
        // ffmpeg's frame pattern treats % as special and a name with a colon as a protocol: a folder called
        // "50%off: a/b" must arrive as itself.
        var arguments = FrameVideo.Arguments(_temp["50%off: a/b"], "frame_%05d.png", 2, 24, _temp["v: 1%.mp4"], "mp4");

        Assert.Equal($"file:{_temp["50%%off: a/b"]}/frame_%05d.png", arguments[arguments.ToList().IndexOf("-i") + 1]);
        Assert.Equal($"file:{_temp["v: 1%.mp4"]}", arguments[^1]);
    }

    [Theory]
    [InlineData("zoom.avi", 24, "Video")]
    [InlineData("zoom.mp4", 0, "Fps")]
    [InlineData("zoom.gif", 500, "Fps")]
    public void Zoom_plans_refuse_other_formats_and_frame_rates(string output, double fps, string setting)
    {
        var error = Assert.Throws<DreamSettingsException>(() => new ZoomPlan { Folder = "zoom", Video = output, Fps = fps });
        Assert.Equal(setting, error.Setting);
    }

    [Fact]
    public void Assemble_runs_ffmpeg_with_the_arguments_and_renames_its_output_when_done()
    {
        // The fake writes its arguments, one per line, to the last one: the output file.
        string ffmpeg = FakeFfmpeg("tools", "for a in \"$@\"; do last=\"$a\"; done\nprintf '%s\\n' \"$@\" > \"${last#file:}\"");
        string output = _temp["zoom.mp4"];

        FrameVideo.Assemble(ffmpeg, _temp["frames"], "frame_%05d.png", 7, 30, output);

        // ffmpeg wrote a hidden temporary beside the output, renamed into place when done.
        var written = File.ReadAllLines(output);
        string temporary = written[^1]["file:".Length..];
        Assert.Equal(FrameVideo.Arguments(_temp["frames"], "frame_%05d.png", 7, 30, temporary, "mp4"), written);
        Assert.Equal(Path.GetDirectoryName(output), Path.GetDirectoryName(temporary));
        Assert.Matches($@"^\.zoom\.mp4\.{Regex.Escape(Leftovers.Tag)}\.[0-9a-f]{{8}}\.tmp$", Path.GetFileName(temporary));
        Assert.False(File.Exists(temporary));
    }

    [Fact]
    public void A_failing_ffmpeg_gives_its_last_error_line()
    {
        string ffmpeg = FakeFfmpeg("tools", "echo 'first complaint' >&2\necho 'Unknown encoder libx264' >&2\nexit 3");

        var error = Assert.Throws<VideoAssemblyException>(() =>
            FrameVideo.Assemble(ffmpeg, _temp["frames"], "f_%05d.png", 2, 24, _temp["zoom.mp4"]));

        Assert.Equal($"{_temp["zoom.mp4"]}: ffmpeg failed (exit code 3): Unknown encoder libx264", error.Message);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_temp["zoom.mp4"])!, "*", new EnumerationOptions { AttributesToSkip = 0 }));
    }
}
