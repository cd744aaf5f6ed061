using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using DeepDream.Tests.Batch;

namespace DeepDream.Tests.Video;

/// <summary>
/// <c>dream video</c> on tiny clips made with ffmpeg, with the tiny built-in network (a few steps), in a folder whose
/// name has a space and a <c>%</c> (which ffmpeg's frame patterns would otherwise take for a format).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class VideoCommandTests : IDisposable
{
    private static readonly string[] Tiny = ["--model", "tiny", "--octaves", "1", "--steps", "2", "--threads", "1"];

    private readonly TempFolder _temp = new();
    private readonly string _folder;
    private readonly string _clip;

    public VideoCommandTests()
    {
        _folder = _temp["50% off clips"];
        _clip = TestClips.Make(Path.Combine(_folder, "clip.mp4"), width: 48, height: 32, frames: 6, rate: 12);
    }

    public void Dispose() => _temp.Dispose();

    private string In(string name) => Path.Combine(_folder, name);

    [Fact]
    public void The_dreamed_clip_keeps_the_frame_count_frame_rate_and_sound_and_the_work_folder_goes()
    {
        var run = CliRun.Invoke(["video", _clip, "-o", In("dreamed.mp4"), .. Tiny]);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Matches($@"^video: {Regex.Escape(In("dreamed.mp4"))} \(6 frames: 6 dreamed, 0 kept from an earlier run, 0 failed, [0-9.]+ s\)\n$", run.Out);
        var streams = TestClips.Probe(In("dreamed.mp4"));
        Assert.Equal(new ClipStream("video", "h264", 48, 32, "yuv420p", "12/1", 6), streams[0]);
        Assert.Equal(("audio", "aac"), (streams[1].Type, streams[1].Codec));
        Assert.Equal(2, streams.Count);
        Assert.False(Directory.Exists(In("dreamed.mp4.work")));
    }

    [Fact]
    public void Odd_sides_are_made_even_and_max_size_shrinks_the_frames()
    {
        string odd = TestClips.Make(In("odd.mkv"), width: 47, height: 31, frames: 3, rate: 10, sound: false);

        var whole = CliRun.Invoke(["video", odd, "-o", In("odd.mp4"), .. Tiny]);
        var small = CliRun.Invoke(["video", odd, "-o", In("small.mkv"), "--max-size", "24", .. Tiny]);

        Assert.Equal((0, 0), (whole.ExitCode, small.ExitCode));
        Assert.Equal([new ClipStream("video", "h264", 46, 30, "yuv420p", "10/1", 3)], TestClips.Probe(In("odd.mp4")));
        Assert.Equal([new ClipStream("video", "h264", 24, 14, "yuv420p", "10/1", 3)], TestClips.Probe(In("small.mkv")));
    }

    [Fact]
    public void Start_and_duration_dream_that_part_with_its_sound()
    {
        var run = CliRun.Invoke(["video", _clip, "-o", In("part.mp4"), "--start", "0.25", "--duration", "0:00.25", .. Tiny]);

        Assert.Equal(0, run.ExitCode);
        var streams = TestClips.Probe(In("part.mp4"));
        Assert.Equal(3, streams[0].Frames);
        Assert.Equal("audio", streams[1].Type);
    }

    [Fact]
    public async Task A_killed_run_resumes_and_makes_the_same_frames_as_an_uninterrupted_one()
    {
        // Enough steps that each frame takes a noticeable time, with jitter and flow, so each frame depends on its seed
        // and on the previous dreamed frame read back from the work folder.
        string[] slow = ["--model", "tiny", "--octaves", "1", "--steps", "300", "--jitter", "4", "--threads", "1", "--keep-work", "--work", In("work")];
        var whole = await DreamProcess.RunAsync(["video", _clip, "-o", In("whole.mp4"), .. slow]);
        Assert.Equal(0, whole.ExitCode);
        Directory.Move(In("work"), In("uninterrupted"));

        string[] resumed = ["video", _clip, "-o", In("resumed.mp4"), .. slow];
        using (var process = DreamProcess.Start([.. resumed, "--json"]))
        {
            var error = process.StandardError.ReadToEndAsync();
            string? firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120));
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Contains("\"event\":\"done\"", firstLine);
            Assert.Equal("", await error);
        }
        Assert.False(File.Exists(In("resumed.mp4")));
        int doneBeforeKill = Directory.EnumerateFiles(In("work/dreamed"), "frame_*.png").Count();
        Assert.InRange(doneBeforeKill, 1, 5);

        var rerun = await DreamProcess.RunAsync(resumed);

        Assert.Equal((0, ""), (rerun.ExitCode, rerun.Error));
        Assert.Contains($"{6 - doneBeforeKill} dreamed, {doneBeforeKill} kept from an earlier run", rerun.Out);
        for (int frame = 1; frame <= 6; frame++)
        {
            string name = $"dreamed/frame_{frame:000000}.png";
            Assert.Equal(File.ReadAllBytes(In("uninterrupted/" + name)), File.ReadAllBytes(In("work/" + name)));
        }
        Assert.Equal(6, TestClips.Probe(In("resumed.mp4"))[0].Frames);
    }

    [Fact]
    public async Task Without_ffmpeg_on_path_nothing_is_done()
    {
        Directory.CreateDirectory(_temp["empty"]);

        var run = await DreamProcess.RunAsync(["video", _clip, "-o", In("dreamed.mp4"), .. Tiny], searchPath: _temp["empty"]);

        Assert.Equal(ExitCodes.RuntimeFailure, run.ExitCode);
        Assert.Equal("dream: error: ffmpeg and ffprobe are not on PATH; video needs both (on Debian or Ubuntu: apt-get install ffmpeg)\n", run.Error);
        Assert.Equal(["clip.mp4"], Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Outputs_that_cannot_be_written_are_refused_before_any_work()
    {
        var missingFolder = CliRun.Invoke(["video", _clip, "-o", In("nowhere/dreamed.mp4"), .. Tiny]);
        var overSource = CliRun.Invoke(["video", _clip, "-o", _clip, .. Tiny]);
        var otherFormat = CliRun.Invoke(["video", _clip, "-o", In("dreamed.avi"), .. Tiny]);
        File.WriteAllText(In("notes.txt"), "mine");
        var foreignWork = CliRun.Invoke(["video", _clip, "-o", In("dreamed.mp4"), "--work", _folder, .. Tiny]);

        Assert.Equal($"dream: error: {In("nowhere/dreamed.mp4")}: folder {In("nowhere")} does not exist\n", missingFolder.Error);
        Assert.Equal($"dream: error: {_clip}: that is the clip to dream; choose another name\n", overSource.Error);
        Assert.Equal($"dream: error: -o {In("dreamed.avi")}: the dreamed clip must be a .mp4 or .mkv file\n", otherFormat.Error);
        Assert.Equal($"dream: error: {_folder}: the work folder must not hold the clip or the dreamed clip; name another\n", foreignWork.Error);
        Assert.All(new[] { missingFolder, overSource, otherFormat, foreignWork }, run => Assert.Equal(ExitCodes.UsageError, run.ExitCode));
        Assert.Equal(["clip.mp4", "notes.txt"], Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_work_folder_that_holds_other_files_is_refused()
    {
        _temp.Write("work/notes.txt", "mine");

        var run = CliRun.Invoke(["video", _clip, "-o", In("dreamed.mp4"), "--work", _temp["work"], .. Tiny]);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Equal($"dream: error: {_temp["work"]}: the work folder holds other files (notes.txt); name an empty or new one\n", run.Error);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(_temp["work"]).Select(Path.GetFileName));
    }

    [Fact]
    public void A_file_that_is_not_a_video_is_a_bad_input()
    {
        File.WriteAllText(In("fake.mp4"), "not a video");

        var run = CliRun.Invoke(["video", In("fake.mp4"), "-o", In("dreamed.mp4"), .. Tiny]);

        var folder = CliRun.Invoke(["video", _temp["."], "-o", In("dreamed.mp4"), .. Tiny]);
        var missing = CliRun.Invoke(["video", In("missing.mp4"), "-o", In("dreamed.mp4"), .. Tiny]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith($"dream: error: {In("fake.mp4")}: not a video ffmpeg can read (", run.Error);
        Assert.Equal((ExitCodes.BadInput, ExitCodes.BadInput), (folder.ExitCode, missing.ExitCode));
        Assert.StartsWith($"dream: error: {_temp["."]}: ", folder.Error);
        Assert.StartsWith($"dream: error: {In("missing.mp4")}: ", missing.Error);
        Assert.False(File.Exists(In("dreamed.mp4")));
    }
}
