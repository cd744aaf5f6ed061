using DeepDream.Imaging;
using DeepDream.Pipeline;
using DeepDream.Tests.Batch;
using MetadataExtractor;
using MetadataExtractor.Formats.Gif;
using SkiaSharp;

namespace DeepDream.Tests;

/// <summary><c>dream --save-octaves DIR</c> and <c>--gif FILE</c>: the dream octave by octave.</summary>
public sealed class ProgressionTests : IDisposable
{
    private static readonly string[] Fast = ["--model", "tiny", "--octaves", "3", "--steps", "2", "--quiet"];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Photo() => TestImages.Random(_folder["photo.png"], 60, 40, seed: 3);

    [Fact]
    public void Each_octave_is_saved_at_its_size_the_last_being_the_result_and_each_records_its_octave()
    {
        var run = CliRun.Invoke([Photo(), "-o", _folder["out.png"], "--save-octaves", _folder["octaves"], .. Fast]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["octave1.png", "octave2.png", "octave3.png"], System.IO.Directory.GetFiles(_folder["octaves"]).Select(Path.GetFileName).Order());
        var sizes = Enumerable.Range(1, 3).Select(i => ImageFile.Read(_folder[$"octaves/octave{i}.png"], ImageReadOptions.Default)).Select(image => (image.Width, image.Height));
        Assert.Equal([(31, 20), (43, 29), (60, 40)], sizes);
        Assert.Equal(ImageFile.Read(_folder["out.png"], ImageReadOptions.Default).Rgb, ImageFile.Read(_folder["octaves/octave3.png"], ImageReadOptions.Default).Rgb);
        var record = DreamRecord.Parse(ImageRecipe.Read(_folder["octaves/octave2.png"])!, "octave2.png");
        Assert.Equal(2, record.Octave);
        Assert.Contains("octave    2: the image after octave 2 of 3", CliRun.Invoke("info", _folder["octaves/octave2.png"]).Out);
        var again = CliRun.Invoke(_folder["octaves/octave2.png"], "--again", "-o", _folder["again.png"]);
        Assert.Equal(3, again.ExitCode);
        Assert.Contains("is the image after octave 2 of a dream", again.Error);
    }

    [Fact]
    public void The_gif_shows_the_original_then_each_octave_at_the_result_size_and_carries_the_record()
    {
        var run = CliRun.Invoke([Photo(), "-o", _folder["out.jpg"], "--gif", _folder["progress.gif"], .. Fast]);

        Assert.Equal(0, run.ExitCode);
        using var codec = SKCodec.Create(_folder["progress.gif"]);
        Assert.Equal(SKEncodedImageFormat.Gif, codec.EncodedFormat);
        Assert.Equal(4, codec.FrameCount);
        Assert.Equal((60, 40), (codec.Info.Width, codec.Info.Height));
        Assert.Equal([700, 700, 700, 2500], codec.FrameInfo.Select(frame => frame.Duration));
        var comment = ImageMetadataReader.ReadMetadata(_folder["progress.gif"]).OfType<GifCommentDirectory>().Single()
            .GetString(GifCommentDirectory.TagComment);
        Assert.Equal(2, DreamRecord.Parse(comment!, "progress.gif").Settings.Steps);
        Assert.Contains("--octaves 3 --octave-scale 1.4 --steps 2", CliRun.Invoke("info", _folder["progress.gif"]).Out);
    }

    [Fact]
    public void A_record_with_non_ascii_text_survives_in_the_gif()
    {
        string photo = TestImages.Random(_folder["café ☕.png"], 40, 30, seed: 4);

        var run = CliRun.Invoke([photo, "-o", _folder["out.png"], "--gif", _folder["progress.gif"], .. Fast]);

        Assert.Equal(0, run.ExitCode);
        var record = DreamRecord.Parse(ImageRecipe.Read(_folder["progress.gif"])!, "progress.gif");
        Assert.Equal(photo, record.Start.Path);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Without_ffmpeg_the_gif_is_refused_before_the_dream_in_one_line()
    {
        string photo = Photo();
        System.IO.Directory.CreateDirectory(_folder["empty"]);

        var run = await DreamProcess.RunAsync([photo, "-o", _folder["out.png"], "--gif", _folder["progress.gif"], .. Fast], searchPath: _folder["empty"]);

        Assert.Equal(ExitCodes.RuntimeFailure, run.ExitCode);
        Assert.Equal($"dream: error: --gif {_folder["progress.gif"]}: ffmpeg, which encodes the GIF, is not on PATH; install it " +
            "(on Debian or Ubuntu: apt-get install ffmpeg), or leave out --gif\n", run.Error);
        Assert.False(File.Exists(_folder["out.png"]));
        Assert.False(File.Exists(_folder["progress.gif"]));
    }

    [Theory]
    [InlineData("--gif", "{folder}/progress.png", "a progression is written as a GIF; name it .gif")]
    [InlineData("--gif", "{folder}/missing/progress.gif", "does not exist")]
    [InlineData("--save-octaves", "{folder}/photo.png", "is a file, not a folder")]
    public void Unwritable_progression_outputs_fail_before_the_dream(string option, string value, string message)
    {
        string photo = Photo();

        var run = CliRun.Invoke([photo, "-o", _folder["out.png"], option, value.Replace("{folder}", _folder.Path), .. Fast]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.False(File.Exists(_folder["out.png"]));
    }
}
