using DeepDream.Video;

namespace DeepDream.Tests.Video;

/// <summary>What ffmpeg is asked to do, for the cases a real clip in the CLI tests does not reach.</summary>
public sealed class VideoSequenceArgumentsTests
{
    private static readonly VideoInfo Clip = new("/clips/50% off/a b.mov", 1920, 1080, new FrameRate(30000, 1001), 10, ["aac"]);

    private static string After(IReadOnlyList<string> arguments, string option) => arguments[arguments.ToList().IndexOf(option) + 1];

    [Fact]
    public void Decoding_fits_the_size_limit_with_even_sides_at_the_clips_rate_and_escapes_the_frame_folder()
    {
        var plan = new VideoPlan { Source = Clip.Path, Output = "/out/d.mp4", Start = TimeSpan.FromSeconds(1.5), Duration = TimeSpan.FromSeconds(2) };

        var arguments = VideoSequence.DecodeArguments(plan, Clip, maxSide: 480, folder: "/work/100%/source");

        Assert.Equal(["-ss", "1.5", "-t", "2", "-i", "file:/clips/50% off/a b.mov"], arguments.Take(6));
        Assert.Equal("scale=w='max(2,2*trunc(iw*sar*min(1,480/max(iw*sar,ih))/2))':h='max(2,2*trunc(ih*min(1,480/max(iw*sar,ih))/2))',setsar=1,fps=30000/1001",
            After(arguments, "-vf"));
        Assert.Equal("file:/work/100%%/source/frame_%06d.png", arguments[^1]);
    }

    [Fact]
    public void Encoding_copies_sound_an_mp4_can_hold_and_re_encodes_the_rest_while_mkv_copies_everything()
    {
        var plan = new VideoPlan { Source = Clip.Path, Output = "/out/d.mp4" };
        var pcm = Clip with { AudioCodecs = ["pcm_s16le"] };

        var copied = VideoSequence.EncodeArguments(plan, Clip, "/work/5%/dreamed", "/out/.d.tmp");
        var encoded = VideoSequence.EncodeArguments(plan, pcm, "/work/dreamed", "/out/.d.tmp");
        var matroska = VideoSequence.EncodeArguments(plan with { Output = "/out/d.mkv" }, pcm, "/work/dreamed", "/out/.d.tmp");
        var silent = VideoSequence.EncodeArguments(plan, Clip with { AudioCodecs = [] }, "/work/dreamed", "/out/.d.tmp");

        Assert.Equal(["-framerate", "30000/1001", "-start_number", "1", "-i", "file:/work/5%%/dreamed/frame_%06d.png", "-i", "file:/clips/50% off/a b.mov"],
            copied.Take(8));
        Assert.Equal(("libx264", "yuv420p", "copy", "mp4", "file:/out/.d.tmp"),
            (After(copied, "-c:v"), After(copied, "-pix_fmt"), After(copied, "-c:a"), After(copied, "-f"), copied[^1]));
        Assert.Equal("aac", After(encoded, "-c:a"));
        Assert.Equal(("copy", "matroska"), (After(matroska, "-c:a"), After(matroska, "-f")));
        Assert.DoesNotContain("-c:a", silent);
        Assert.Equal(1, silent.Count(argument => argument == "-i"));
    }
}
