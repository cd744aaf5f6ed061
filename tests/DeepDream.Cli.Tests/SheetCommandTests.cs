using DeepDream.Imaging;
using DeepDream.Pipeline;
using DeepDream.Tests.Batch;

namespace DeepDream.Tests;

/// <summary><c>dream sheet</c> on the built-in tiny network.</summary>
public sealed class SheetCommandTests : IDisposable
{
    private static readonly string[] Fast = ["--model", "tiny", "--octaves", "2", "--steps", "3", "--threads", "1", "--quiet"];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Photo() => TestImages.Random(_folder["photo.png"], 60, 40, seed: 3);

    [Fact]
    public void A_sheet_holds_the_original_and_one_differing_tile_per_layer_and_records_them()
    {
        var run = CliRun.Invoke(["sheet", Photo(), "-o", _folder["sheet.png"], "--layer", "conv1", "--layer", "conv2", "--layer", "conv3",
            "--columns", "4", "--cell-width", "60", .. Fast]);

        Assert.Equal("", run.Error);
        Assert.Equal(0, run.ExitCode);
        var sheet = ImageFile.Read(_folder["sheet.png"], ImageReadOptions.Default);
        Assert.Equal(8 + 4 * (60 + 8), sheet.Width);
        var tiles = Enumerable.Range(0, 4).Select(i => Crop(sheet, 8 + i * 68, sheet.Height - 8 - 40 - 2 * 18, 60, 40)).ToList();
        Assert.Equal(4, tiles.Select(Convert.ToBase64String).Distinct().Count());
        var record = DreamRecord.Parse(ImageRecipe.Read(_folder["sheet.png"])!, "sheet.png");
        Assert.Equal(["conv1", "conv2", "conv3"], record.Sheet!.Select(tile => tile.Layer));
        var info = CliRun.Invoke("info", _folder["sheet.png"]);
        Assert.Contains("tile      conv2 on tiny (weights SHA-256 ", info.Out);
    }

    [Fact]
    public void Without_layers_each_model_gives_its_recommended_ones_and_the_photo_is_shrunk_for_the_sheet()
    {
        var run = CliRun.Invoke(["sheet", Photo(), "--model", "tiny", "--octaves", "1", "--steps", "1", "--json"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"tiles\":3", run.Out);
        var record = DreamRecord.Parse(ImageRecipe.Read(_folder["photo.sheet.jpg"])!, "photo.sheet.jpg");
        Assert.Equal(["conv2", "conv3"], record.Sheet!.Select(tile => tile.Layer));
        Assert.Equal(512, record.Settings.MaxSide);
    }

    [Theory]
    [InlineData(new[] { "--class", "3" }, "leave out --class and --guide")]
    [InlineData(new[] { "--layer", "nosuch" }, "no layer 'nosuch'")]
    [InlineData(new[] { "--columns", "-1" }, "--columns -1: must be between 0 and 256")]
    [InlineData(new[] { "--cell-width", "8" }, "--cell-width 8: must be between 32 and 2048")]
    public void Bad_requests_fail_before_any_sheet_is_written(string[] options, string message)
    {
        string photo = Photo();

        var run = CliRun.Invoke(["sheet", photo, "-o", _folder["sheet.png"], .. Fast, .. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.False(File.Exists(_folder["sheet.png"]));
    }

    [Fact]
    public void An_output_that_cannot_be_written_is_refused_before_any_dream()
    {
        var run = CliRun.Invoke(["sheet", Photo(), "-o", _folder["sheet.tiff"], .. Fast]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{_folder["sheet.tiff"]}: unsupported output format '.tiff'", run.Error);
    }

    private static byte[] Crop(RgbImage image, int left, int top, int width, int height) =>
        Enumerable.Range(top, height).SelectMany(y => image.Rgb.Skip((y * image.Width + left) * 3).Take(width * 3)).ToArray();
}
