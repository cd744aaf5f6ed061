using System.Text.Json;
using DeepDream.Imaging;

namespace DeepDream.Tests;

/// <summary>Presets, starting points and engine options through the command line.</summary>
public sealed class DreamOptionsTests
{
    [Fact]
    public void Smoke_preset_shrinks_to_128_pixels_and_is_deterministic()
    {
        using var folder = new TempFolder();
        var input = folder.Sample("cat_chelsea.jpg");
        // An explicit thread count, as in DreamCommandTests.Same_seed_gives_byte_identical_files.
        Assert.Equal(0, CliRun.Invoke(input, "--model", "tiny", "--preset", "smoke", "-o", folder["a.png"], "-q", "--threads", "2").ExitCode);
        Assert.Equal(0, CliRun.Invoke(input, "--model", "tiny", "--preset", "smoke", "-o", folder["b.png"], "-q", "--threads", "2").ExitCode);
        var image = ImageFile.Read(folder["a.png"], ImageReadOptions.Default);
        Assert.Equal((128, 85), (image.Width, image.Height));
        Assert.Equal(File.ReadAllBytes(folder["a.png"]), File.ReadAllBytes(folder["b.png"]));
    }

    [Fact]
    public void Explicit_options_override_the_preset()
    {
        using var folder = new TempFolder();
        var input = folder.Sample("cat_chelsea.jpg");
        var run = CliRun.Invoke(input, "--model", "tiny", "--preset", "smoke", "--steps", "3", "--max-size", "64", "-o", folder["o.png"], "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var settings = json.RootElement.GetProperty("settings");
        Assert.Equal(3, settings.GetProperty("steps").GetInt32());
        Assert.Equal(1, settings.GetProperty("octaves").GetInt32());
        Assert.Equal(64, settings.GetProperty("maxSide").GetInt32());
    }

    [Theory]
    [InlineData(new string[0], "constant", null)]
    [InlineData(new[] { "--step-size-end", "0.5" }, "linear", 0.5)]
    [InlineData(new[] { "--step-size-end", "0.5", "--step-schedule", "cosine" }, "cosine", 0.5)]
    public void Step_schedule_defaults_to_linear_once_an_end_is_given(string[] options, string schedule, double? end)
    {
        using var folder = new TempFolder();
        var run = CliRun.Invoke(["--from-noise", "16x16", "--model", "tiny", "--octaves", "1", "--steps", "2", "-o", folder["s.png"], "--json", .. options]);
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var settings = json.RootElement.GetProperty("settings");
        Assert.Equal(schedule, settings.GetProperty("schedule").GetString());
        Assert.Equal(end, settings.TryGetProperty("stepSizeEnd", out var value) ? value.GetDouble() : null);
    }

    [Fact]
    public void Help_shows_enum_defaults_as_they_are_typed()
    {
        var help = CliRun.Invoke("--help").Out;
        Assert.Contains("[default: auto]", help);
        Assert.Contains("[default: classic]", help);
        Assert.DoesNotContain("[default: Auto]", help);
    }

    [Fact]
    public void Dreams_from_noise_at_the_asked_size()
    {
        using var folder = new TempFolder();
        var run = CliRun.Invoke("--from-noise", "64x48", "--model", "tiny", "--octaves", "2", "--steps", "2", "--tv", "0.5", "--blur", "1", "-o", folder["n.png"], "-q");
        Assert.Equal(0, run.ExitCode);
        var image = ImageFile.Read(folder["n.png"], ImageReadOptions.Default);
        Assert.Equal((64, 48), (image.Width, image.Height));
    }

    [Theory]
    [InlineData("--from-noise 64x48", "-o")]
    [InlineData("", "input")]
    [InlineData("--from-noise 64 -o x.png", "WIDTHxHEIGHT")]
    [InlineData("--from-noise 8x8 -o x.png --blur abc", "--blur")]
    [InlineData("--from-noise 8x8 -o x.png --tile-size 10", "--tile-size")]
    [InlineData("--from-noise 8x8 -o x.png --class cat", "--class cat")]
    public void Bad_option_combinations_are_usage_errors(string args, string mentioned)
    {
        var run = CliRun.Invoke([.. args.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--model", "tiny"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(mentioned, run.Error);
    }

    [Fact]
    public void Class_objective_reports_the_class()
    {
        using var folder = new TempFolder();
        var run = CliRun.Invoke("--from-noise", "32x32", "--model", "tiny", "--class", "3", "--octaves", "1", "--steps", "4", "-o", folder["c.png"], "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(3, json.RootElement.GetProperty("settings").GetProperty("classes")[0].GetInt32());
        Assert.True(json.RootElement.GetProperty("objectiveLast").GetDouble() > json.RootElement.GetProperty("objectiveFirst").GetDouble());
    }
}
