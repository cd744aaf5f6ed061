using System.Text.Json;
using DeepDream.Imaging;

namespace DeepDream.Tests;

/// <summary><c>dream visualize</c>: channels of a layer dreamed from noise onto one labelled sheet.</summary>
public sealed class VisualizeCommandTests
{
    private static readonly string[] Quick = ["--model", "tiny", "--size", "24x24", "--steps", "2"];

    [Fact]
    public void Writes_one_labelled_tile_per_channel_and_reports_each_unit()
    {
        using var folder = new TempFolder();

        var run = CliRun.Invoke(["visualize", "--layer", "conv2", "--channels", "0-3", "-o", folder["grid.png"], "--json", .. Quick]);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(["conv2:0", "conv2:1", "conv2:2", "conv2:3"],
            json.RootElement.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unit").GetString()));
        // Two columns of 32-pixel tiles (the narrowest a sheet draws) with 8-pixel gaps.
        var sheet = ImageFile.Read(folder["grid.png"], ImageReadOptions.Default);
        Assert.Equal(8 + 2 * (32 + 8), sheet.Width);
    }

    [Fact]
    public void With_diversity_each_channel_gets_a_row_of_different_images()
    {
        using var folder = new TempFolder();

        var run = CliRun.Invoke(["visualize", "--layer", "conv3:2@center", "--diversity", "3", "-o", folder["d.png"], "--json", .. Quick]);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var unit = Assert.Single(json.RootElement.GetProperty("units").EnumerateArray());
        Assert.Equal("conv3:2@center", unit.GetProperty("unit").GetString());
        Assert.Equal(3, unit.GetProperty("objective").GetArrayLength());
        Assert.Equal(8 + 3 * (32 + 8), ImageFile.Read(folder["d.png"], ImageReadOptions.Default).Width);
    }

    [Theory]
    [InlineData("--layer conv2:0-99", "--layer conv2:16: channel 16 is out of range; conv2 has 16 channels")]
    [InlineData("--layer conv2 --layer conv3", "--layer: give one layer")]
    [InlineData("--layer conv2:1 --channels 2", "--channels: the channels are already given in --layer")]
    [InlineData("--layer conv2 --class 3", "--class")]
    [InlineData("--layer conv2 --diversity 0", "--diversity 0: must be between 1 and 64")]
    [InlineData("--layer conv2 --size 24", "--size 24: expected WIDTHxHEIGHT")]
    [InlineData("--layer conv2 --random-scale 0.6", "--random-scale 0.6: must be between 0 and 0.5")]
    [InlineData("--layer conv2 --param wavelet", "--param")]
    [InlineData("--layer conv9", "conv9")]
    public void Bad_requests_are_usage_errors_that_name_the_option(string args, string message)
    {
        using var folder = new TempFolder();

        var run = CliRun.Invoke(["visualize", .. args.Split(' '), "--model", "tiny", "--steps", "1", "-o", folder["x.png"]]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.False(File.Exists(folder["x.png"]));
    }

    [Fact]
    public void An_output_in_a_missing_folder_is_refused_before_anything_is_dreamed()
    {
        using var folder = new TempFolder();

        var run = CliRun.Invoke(["visualize", "--layer", "conv2", "-o", folder["missing/grid.png"], .. Quick]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("missing", run.Error);
    }

    [Theory]
    [InlineData(new string[0], "fourier", true, 1)]
    [InlineData(new[] { "--preset", "classic" }, "pixel", false, 4)]
    [InlineData(new[] { "--param", "laplacian" }, "laplacian", true, 1)]
    public void From_noise_starts_from_the_visualize_preset(string[] options, string parameterization, bool decorrelated, int octaves)
    {
        using var folder = new TempFolder();

        var run = CliRun.Invoke(["--from-noise", "32x32", "--model", "tiny", "--steps", "1", "-o", folder["n.png"], "--json", .. options]);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var settings = json.RootElement.GetProperty("settings");
        Assert.Equal(parameterization, settings.GetProperty("parameterization").GetString());
        Assert.Equal(decorrelated, settings.GetProperty("decorrelateColors").GetBoolean());
        Assert.Equal(octaves, settings.GetProperty("octaves").GetInt32());
    }
}
