using DeepDream.Imaging;
using DeepDream.Video;

namespace DeepDream.Tests.Video;

public sealed class VideoProbeTests
{
    [Fact]
    public void The_first_real_video_stream_its_average_rate_and_the_audio_codecs_are_read()
    {
        const string report = """
            {"streams": [
              {"codec_name": "mjpeg", "codec_type": "video", "width": 600, "height": 600, "r_frame_rate": "90000/1", "avg_frame_rate": "0/0", "disposition": {"attached_pic": 1}},
              {"codec_name": "h264", "codec_type": "video", "width": 1920, "height": 1080, "r_frame_rate": "60/1", "avg_frame_rate": "30000/1001", "disposition": {"attached_pic": 0}},
              {"codec_name": "aac", "codec_type": "audio", "r_frame_rate": "0/0", "avg_frame_rate": "0/0"},
              {"codec_name": "pcm_s16le", "codec_type": "audio"}
            ], "format": {"duration": "12.345000"}}
            """;

        var info = VideoProbe.Parse("clip.mov", report);

        Assert.Equal(new VideoInfo("clip.mov", 1920, 1080, new FrameRate(30000, 1001), 12.345, info.AudioCodecs), info);
        Assert.Equal(["aac", "pcm_s16le"], info.AudioCodecs);
    }

    [Fact]
    public void Without_an_average_rate_the_base_rate_is_used_and_a_missing_duration_is_null()
    {
        var info = VideoProbe.Parse("clip.mkv", """{"streams": [{"codec_type": "video", "width": 8, "height": 6, "r_frame_rate": "25/1", "avg_frame_rate": "0/0"}], "format": {}}""");

        Assert.Equal((new FrameRate(25, 1), (double?)null, 0), (info.Rate, info.Duration, info.AudioCodecs.Count));
    }

    [Theory]
    [InlineData("""{"streams": [{"codec_type": "audio", "codec_name": "mp3"}]}""", "song.mp3: has no video stream")]
    [InlineData("""{"streams": [{"codec_type": "video", "width": 8, "height": 6, "r_frame_rate": "0/0"}]}""", "song.mp3: its video stream gives no usable size or frame rate")]
    [InlineData("""{"streams": [""", "song.mp3: ffprobe's report cannot be read (")]
    public void A_report_without_a_usable_video_stream_is_a_bad_input(string report, string message)
    {
        var error = Assert.Throws<DreamInputException>(() => VideoProbe.Parse("song.mp3", report));
        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData("30000/1001", 30000, 1001)]
    [InlineData("25", 25, 1)]
    [InlineData("0/0", 0, 0)]
    [InlineData("-25/1", 0, 0)]
    [InlineData("25/0", 0, 0)]
    [InlineData("5000/1", 0, 0)]
    [InlineData("a/b", 0, 0)]
    public void Frame_rates_are_read_as_ffmpeg_writes_them_and_unusable_ones_are_null(string text, long numerator, long denominator) =>
        Assert.Equal(numerator == 0 ? null : new FrameRate(numerator, denominator), FrameRate.Parse(text));
}
