using System.CommandLine;
using System.Text.Json;
using DeepDream.Cli;
using DeepDream.Cli.Commands;
using DeepDream.Dreaming;
using DeepDream.Tests.Batch;

namespace DeepDream.Tests;

/// <summary>The command line behaves as a .NET tool user expects: parse errors, outputs, formats and help.</summary>
public sealed class CommandLineTests : IDisposable
{
    private static readonly string[] Fast = ["--model", "tiny", "--octaves", "1", "--steps", "1"];

    private readonly TempFolder _temp = new();
    private readonly string _photo;

    public CommandLineTests() => _photo = TestImages.Random(_temp["photo.png"], 24, 16, seed: 4);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void An_unknown_option_before_the_input_is_not_taken_for_the_input()
    {
        var run = CliRun.Invoke(["--verbose", _photo, .. Fast]);

        Assert.Equal((ExitCodes.UsageError, ""), (run.ExitCode, run.Out));
        Assert.Equal("dream: error: unknown option '--verbose'\nTry 'dream --help'.\n", run.Error);
        Assert.Equal(["photo.png"], _temp.Entries());
    }

    [Fact]
    public void A_mistyped_option_gets_the_nearest_names_of_its_command()
    {
        var single = CliRun.Invoke([_photo, "--stesp", "3", .. Fast]);
        var batch = CliRun.Invoke(["batch", _temp.Path, "-o", _temp["out"], "--recursiv", .. Fast]);

        Assert.Equal("dream: error: unknown option '--stesp'; did you mean --steps?\nTry 'dream --help'.\n", single.Error);
        Assert.Equal("dream: error: unknown option '--recursiv'; did you mean --recursive?\nTry 'dream batch --help'.\n", batch.Error);
        Assert.Equal((ExitCodes.UsageError, ExitCodes.UsageError), (single.ExitCode, batch.ExitCode));
    }

    [Theory]
    [InlineData("--steps", "abc", "--steps abc: expected a whole number")]
    [InlineData("--seed", "1.5", "--seed 1.5: expected a whole number")]
    [InlineData("--octave-scale", "big", "--octave-scale big: expected a number")]
    [InlineData("--step-size-end", "x", "--step-size-end x: expected a number")]
    [InlineData("--device", "gpu", "--device gpu: expected auto, cpu or cuda")]
    [InlineData("--preset", "wild", "--preset wild: expected classic, subtle, deep, smoke or visualize")]
    [InlineData("--format", "gif", "--format gif: expected jpeg, png or webp")]
    [InlineData("--steps", "-1", "--steps -1: must be between 0 and 10000")]
    [InlineData("--layer", "conv2=x", "--layer conv2=x: weight after '=' must be a number")]
    [InlineData("--tile-size", "huge", "--tile-size huge: expected a number of pixels or 'auto'")]
    public void Bad_values_are_explained_in_the_options_terms_without_type_names(string option, string value, string message)
    {
        var run = CliRun.Invoke(_photo, "--model", "tiny", option, value);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.StartsWith($"dream: error: {message}\n", run.Error);
        Assert.DoesNotContain("System.", run.Error);
    }

    [Fact]
    public void Negative_numbers_are_values_and_words_after_a_double_dash_are_inputs()
    {
        var negative = CliRun.Invoke([_photo, "-o", _temp["out.png"], "--seed", "-3", .. Fast]);
        var literal = CliRun.Invoke([.. Fast, "--", "--not-an-option.png"]);

        Assert.Equal(ExitCodes.Ok, negative.ExitCode);
        Assert.Equal((ExitCodes.BadInput, "dream: error: --not-an-option.png: file not found\n"), (literal.ExitCode, literal.Error));
    }

    [Fact]
    public void A_batch_list_is_read_as_our_list_not_as_a_response_file()
    {
        TestImages.Random(_temp["shoot day/raw files/a cat.png"], 16, 12, seed: 1);
        string list = _temp.Write("shoot day/pick list.txt", "# chosen\nraw files/a cat.png\n");

        var run = CliRun.Invoke(["batch", "@" + list, "-o", _temp["out"], .. Fast, "--quiet"]);

        Assert.Equal((ExitCodes.Ok, ""), (run.ExitCode, run.Error));
        Assert.True(File.Exists(_temp["out/raw files/a cat.png"]));
    }

    [Fact]
    public void Stdout_carries_the_image_or_the_report_never_both()
    {
        var run = CliRun.InvokeWithStdin(File.ReadAllBytes(_photo), ["-", "-o", "-", "--json", .. Fast]);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Empty(run.StdoutBytes);
        Assert.Equal("", run.Out);
        Assert.StartsWith("dream: error: -o -: the image goes to stdout, so the --json report cannot", run.Error);
    }

    [Fact]
    public void The_report_of_a_dream_without_steps_is_valid_json()
    {
        var run = CliRun.Invoke(_photo, "-o", _temp["out.png"], "--model", "tiny", "--steps", "0", "--json");

        Assert.Equal((ExitCodes.Ok, ""), (run.ExitCode, run.Error));
        var report = JsonDocument.Parse(run.Out).RootElement;
        Assert.False(report.TryGetProperty("objectiveFirst", out _));
        Assert.All(report.GetProperty("octaves").EnumerateArray(), octave => Assert.Equal(0, octave.GetProperty("objective").GetArrayLength()));
        Assert.True(File.Exists(_temp["out.png"]));
    }

    [Fact]
    public void Every_output_is_checked_before_any_dreaming()
    {
        Directory.CreateDirectory(_temp["taken.png"]);
        string file = _temp.Write("a-file", "x");

        var folderAsImage = CliRun.Invoke([_photo, "-o", _temp["taken.png"], .. Fast]);
        var missingVideoFolder = CliRun.Invoke(["zoom", _photo, "-o", _temp["zoom"], "--video", _temp["missing/zoom.mp4"], .. Fast]);
        var batchIntoFile = CliRun.Invoke(["batch", _photo, "-o", file, .. Fast]);
        var framesUnderFile = CliRun.Invoke(["frames", _photo, "-o", Path.Combine(file, "frames"), .. Fast]);

        Assert.Equal($"dream: error: {_temp["taken.png"]}: is a folder; name the output file\n", folderAsImage.Error);
        Assert.Equal($"dream: error: {_temp["missing/zoom.mp4"]}: folder {_temp["missing"]} does not exist\n", missingVideoFolder.Error);
        Assert.Equal($"dream: error: {file}: is a file, not a folder\n", batchIntoFile.Error);
        Assert.Equal($"dream: error: {Path.Combine(file, "frames")}: {file} is a file, not a folder\n", framesUnderFile.Error);
        Assert.All([folderAsImage, missingVideoFolder, batchIntoFile, framesUnderFile], run => Assert.Equal(ExitCodes.UsageError, run.ExitCode));
        Assert.Equal(["a-file", "photo.png", "taken.png"], _temp.Entries());
    }

    [Fact]
    public void Dash_o_names_the_output_of_every_command()
    {
        Assert.Equal(0, CliRun.Invoke(["batch", _photo, "-o", _temp["batch"], .. Fast, "-q"]).ExitCode);
        Assert.Equal(0, CliRun.Invoke(["frames", _photo, "-o", _temp["frames"], .. Fast, "-q"]).ExitCode);
        Assert.Equal(0, CliRun.Invoke(["zoom", _photo, "-o", _temp["zoom"], "--frames", "1", .. Fast, "-q"]).ExitCode);

        Assert.True(File.Exists(_temp["batch/photo.png"]));
        Assert.True(File.Exists(_temp["frames/photo.png"]));
        Assert.True(File.Exists(_temp["zoom/frame_00000.png"]));
    }

    [Fact]
    public void An_animated_input_says_which_frame_is_dreamed()
    {
        string gif = _temp.Write("anim.gif", HandMadeGif.Animated(3));

        var run = CliRun.Invoke([gif, "-o", _temp["out.png"], .. Fast]);
        var quiet = CliRun.Invoke([gif, "-o", _temp["quiet.png"], .. Fast, "--quiet"]);

        Assert.Equal((ExitCodes.Ok, $"dream: note: {gif}: animated GIF of 3 frames; using the first frame\n"), (run.ExitCode, run.Error));
        Assert.Equal((ExitCodes.Ok, ""), (quiet.ExitCode, quiet.Error));
    }

    [Fact]
    public void An_unsupported_format_is_named_whatever_the_file_is_called()
    {
        string avif = _temp.Write("phone.jpg", [0, 0, 0, 0x1C, .. "ftypavif"u8, 0, 0, 0, 0, .. "avifmif1"u8, .. new byte[64]]);

        var run = CliRun.Invoke([avif, .. Fast]);

        Assert.Equal((ExitCodes.BadInput, $"dream: error: {avif}: unsupported image format AVIF (supported: JPEG, PNG, WebP, BMP, GIF)\n"),
            (run.ExitCode, run.Error));
    }

    [Fact]
    public void An_objective_of_zero_weights_is_a_usage_error()
    {
        var run = CliRun.Invoke([_photo, "--layer", "conv2=0", .. Fast]);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Equal("dream: error: --layer conv2=0: every weight is 0, so the dream would not change the image; give a layer a weight other than 0\n", run.Error);
        Assert.Equal(["photo.png"], _temp.Entries());
    }

    [Fact]
    public void Settings_of_the_other_commands_are_shown_as_their_options()
    {
        var blend = CliRun.Invoke(["frames", _photo, "-o", _temp["frames"], "--blend", "2", .. Fast]);
        var zoom = CliRun.Invoke(["zoom", _photo, "-o", _temp["zoom"], "--zoom", "9", .. Fast]);

        Assert.Equal("dream: error: --blend 2: must be between 0 and 1\n", blend.Error);
        Assert.Equal("dream: error: --zoom 9: must be between 0.5 and 2 (1.05 zooms in 5 % per frame)\n", zoom.Error);
        Assert.Equal(["photo.png"], _temp.Entries());
    }

    [Fact]
    public void Help_is_a_command_too()
    {
        var help = CliRun.Invoke("help");
        var helpBatch = CliRun.Invoke("help", "batch");
        var unknown = CliRun.Invoke("help", "nosuch");
        var typo = CliRun.Invoke("hlep");

        Assert.Equal((0, CliRun.Invoke("--help").Out), (help.ExitCode, help.Out));
        Assert.Equal((0, CliRun.Invoke("batch", "--help").Out), (helpBatch.ExitCode, helpBatch.Out));
        Assert.Equal("dream: error: help nosuch: no command 'nosuch'; the commands are batch, zoom, frames, video, models, layers, visualize, sheet, info, help\n", unknown.Error);
        Assert.Equal("dream: error: 'hlep' is neither an image file nor a command; did you mean help?\n", typo.Error);
        Assert.Equal((ExitCodes.UsageError, ExitCodes.UsageError), (unknown.ExitCode, typo.ExitCode));
    }

    [Fact]
    public void A_command_group_asks_for_one_of_its_commands()
    {
        var run = CliRun.Invoke("models");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Equal("dream: error: 'dream models' needs a command: list, install, remove, info\nTry 'dream models --help'.\n", run.Error);
    }

    [Fact]
    public void Each_setting_the_library_names_is_an_option_of_the_command_line()
    {
        var root = DreamCommand.Create(new CliConsole(TextWriter.Null, TextWriter.Null, false, () => Stream.Null, () => Stream.Null));
        var options = All(root).SelectMany(option => option.Aliases.Append(option.Name)).ToHashSet();
        var settings = typeof(DreamSettings).GetProperties().Select(p => p.Name).Except([nameof(DreamSettings.AutoTilePixels)]);

        Assert.All(SettingFlags.All.Values, flag => Assert.Contains(flag, options));
        Assert.All(settings, setting => Assert.Contains(setting, SettingFlags.All.Keys));
    }

    private static IEnumerable<Option> All(Command command) => command.Options.Concat(command.Subcommands.SelectMany(All));
}
