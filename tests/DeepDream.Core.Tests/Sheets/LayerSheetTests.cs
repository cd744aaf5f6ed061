using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Models;
using DeepDream.Pipeline;
using DeepDream.Runtime;
using DeepDream.Tests.Imaging;
using DeepDream.Sheets;

namespace DeepDream.Tests.Sheets;

public sealed class LayerSheetTests : IDisposable
{
    private static readonly DreamSettings Settings = new() { Octaves = 2, Steps = 3, Seed = 4 };
    private readonly TinyTestNetwork _network;
    private readonly TempFolder _folder = new();
    private readonly RgbImage _photo;

    public LayerSheetTests()
    {
        TorchRuntime.EnsureLoaded();
        _network = new TinyTestNetwork();
        _photo = TestImages.Noise(60, 40, seed: 3);
    }

    public void Dispose()
    {
        _network.Dispose();
        _folder.Dispose();
    }

    private DreamPipeline For(string layer, DreamSettings? settings = null) =>
        new(_network, (settings ?? Settings) with { Layers = [new LayerObjective(layer)] });

    [Fact]
    public void Each_layer_gives_a_tile_of_its_own_dream_after_the_original_labelled_with_model_layer_and_rise()
    {
        var sheet = new LayerSheet(_photo, DreamSource.File(_folder["photo.png"]));

        var conv1 = sheet.Add(For("conv1"));
        var conv3 = sheet.Add(For("conv3"));

        Assert.Equal(3, sheet.Tiles.Count);
        Assert.Same(_photo, sheet.Tiles[0].Image);
        Assert.Equal(["original", "photo.png (60x40)"], sheet.Tiles[0].Label);
        Assert.Equal(conv1.Image.Rgb, sheet.Tiles[1].Image.Rgb);
        Assert.Equal(new DreamPipeline(_network, Settings with { Layers = [new LayerObjective("conv3")] }).Dream(_photo).Image.Rgb, sheet.Tiles[2].Image.Rgb);
        Assert.NotEqual(sheet.Tiles[1].Image.Rgb, sheet.Tiles[2].Image.Rgb);
        Assert.Equal(["tiny · conv1", LayerSheet.Rise(conv1)], sheet.Tiles[1].Label);
        Assert.Equal(["tiny · conv3", LayerSheet.Rise(conv3)], sheet.Tiles[2].Label);
    }

    [Fact]
    public void The_written_sheet_records_the_shared_settings_and_each_tiles_model_and_layer()
    {
        var sheet = new LayerSheet(_photo, DreamSource.File(_folder["photo.png"]));
        sheet.Add(For("conv1"));
        sheet.Add(For("conv2"));

        var written = sheet.Write(ImageTarget.File(_folder["sheet.png"]), new SheetLayout { TileWidth = 64 });

        Assert.Equal(written.Rgb, ImageFile.Read(_folder["sheet.png"], ImageReadOptions.Default).Rgb);
        var record = DreamRecord.Parse(ImageRecipe.Read(_folder["sheet.png"])!, "sheet.png");
        Assert.Null(record.Model);
        Assert.Equal(["conv1", "conv2"], record.Sheet!.Select(tile => tile.Layer));
        Assert.All(record.Sheet!, tile => Assert.Equal(_network.WeightsSha256, tile.Model.WeightsSha256));
        Assert.Empty(record.Settings.Layers);
        Assert.Equal((2, 3, 4), (record.Settings.Octaves, record.Settings.Steps, record.Settings.Seed));
        Assert.Equal(_folder["photo.png"], record.Start.Path);
        Assert.Equal(ImageFormat.Png, record.Output!.Format);
    }

    [Fact]
    public void Dreams_with_other_settings_than_the_objective_are_refused()
    {
        var sheet = new LayerSheet(_photo, DreamSource.File(_folder["photo.png"]));
        sheet.Add(For("conv1"));

        Assert.Throws<ArgumentException>(() => sheet.Add(For("conv2", Settings with { Steps = 4 })));
        Assert.Throws<InvalidOperationException>(() => new LayerSheet(_photo, DreamSource.File("x.png")).Write(ImageTarget.File(_folder["empty.png"])));
    }

    [Theory]
    [InlineData(new[] { 2.0, 6.5 }, "objective ×3.2")]
    [InlineData(new[] { 0.01, 2.5 }, "objective ×250")]
    [InlineData(new[] { 0.0, 1.5 }, "objective 0 → 1.5")]
    [InlineData(new double[0], "no steps taken")]
    public void The_rise_is_the_last_objective_over_the_first(double[] objective, string label)
    {
        var dreamed = new DreamedImage(_photo, objective.Length == 0 ? [] : [new OctaveReport(40, 60, objective, 1)]);

        Assert.Equal(label, LayerSheet.Rise(dreamed));
    }
}
