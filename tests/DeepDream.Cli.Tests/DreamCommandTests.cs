using System.Text.Json;
using DeepDream.Imaging;

namespace DeepDream.Tests;

/// <summary>The single-image command end to end on the built-in tiny network (no model file needed).</summary>
public sealed class DreamCommandTests
{
    private static readonly string[] Fast = ["--model", "tiny", "--octaves", "2", "--steps", "3", "--quiet"];

    private static string SmallPng(TempFolder folder, string name = "small.png")
    {
        var random = new Random(5);
        var rgb = new byte[48 * 32 * 3];
        random.NextBytes(rgb);
        var path = folder[name];
        ImageFile.Write(new RgbImage(48, 32, rgb), path, ImageWriteOptions.Default);
        return path;
    }

    [Fact]
    public void Writes_the_default_output_next_to_the_input()
    {
        using var folder = new TempFolder();
        var input = SmallPng(folder);
        var run = CliRun.Invoke([input, .. Fast]);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var output = folder["small.dream.png"];
        var image = ImageFile.Read(output, ImageReadOptions.Default);
        Assert.Equal((48, 32), (image.Width, image.Height));
    }

    [Fact]
    public void Json_reports_settings_timings_and_a_rising_objective()
    {
        using var folder = new TempFolder();
        var input = SmallPng(folder);
        var run = CliRun.Invoke(input, "-o", folder["out.png"], "--model", "tiny", "--octaves", "2", "--steps", "5", "--json", "--seed", "3");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(folder["out.png"], root.GetProperty("output").GetString());
        Assert.Equal("tiny", root.GetProperty("model").GetString());
        Assert.Equal("built-in untrained test network", root.GetProperty("modelDescription").GetString());
        Assert.Equal(3, root.GetProperty("settings").GetProperty("seed").GetInt32());
        Assert.Equal("conv2", root.GetProperty("settings").GetProperty("layers")[0].GetProperty("layer").GetString());
        Assert.True(root.GetProperty("seconds").GetProperty("total").GetDouble() > 0);
        Assert.True(root.GetProperty("objectiveLast").GetDouble() > root.GetProperty("objectiveFirst").GetDouble());
        foreach (var octave in root.GetProperty("octaves").EnumerateArray())
        {
            var values = octave.GetProperty("objective").EnumerateArray().Select(v => v.GetDouble()).ToList();
            Assert.Equal(5, values.Count);
            Assert.True(values[^1] > values[0]);
        }
    }

    [Fact]
    public void Same_seed_gives_byte_identical_files()
    {
        using var folder = new TempFolder();
        var input = SmallPng(folder);
        // An explicit thread count, as README asks for repeats: in this shared test process torch's default count is
        // per thread (each takes the count set last when it first computes), and xunit's threads vary between runs.
        string[] repeatable = [.. Fast, "--threads", "2"];
        Assert.Equal(0, CliRun.Invoke([input, "-o", folder["a.png"], .. repeatable]).ExitCode);
        Assert.Equal(0, CliRun.Invoke([input, "-o", folder["b.png"], .. repeatable]).ExitCode);
        Assert.Equal(0, CliRun.Invoke([input, "-o", folder["c.png"], "--seed", "9", .. repeatable]).ExitCode);
        Assert.Equal(File.ReadAllBytes(folder["a.png"]), File.ReadAllBytes(folder["b.png"]));
        Assert.NotEqual(File.ReadAllBytes(folder["a.png"]), File.ReadAllBytes(folder["c.png"]));
    }

    [Fact]
    public void Stdin_to_stdout()
    {
        using var folder = new TempFolder();
        var bytes = File.ReadAllBytes(SmallPng(folder));
        var run = CliRun.InvokeWithStdin(bytes, ["-", "-o", "-", "--format", "png", .. Fast]);
        Assert.Equal(0, run.ExitCode);
        var image = ImageFile.Read(new MemoryStream(run.StdoutBytes), "stdout", ImageReadOptions.Default);
        Assert.Equal((48, 32), (image.Width, image.Height));
    }

    [Fact]
    public void Refuses_to_overwrite_the_input_without_in_place()
    {
        using var folder = new TempFolder();
        var input = SmallPng(folder);
        var before = File.ReadAllBytes(input);
        var run = CliRun.Invoke([input, "-o", input, .. Fast]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--in-place", run.Error);
        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.Equal(0, CliRun.Invoke([input, "-o", input, "--in-place", .. Fast]).ExitCode);
        Assert.NotEqual(before, File.ReadAllBytes(input));
    }

    public static TheoryData<string, byte[]> BadInputs => new()
    {
        { "empty.jpg", [] },
        { "notes.jpg", "this is not an image\n"u8.ToArray() },
        { "random.png", Enumerable.Range(0, 500).Select(i => (byte)(i * 7919 % 251)).ToArray() },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_gives_one_line_exit_three_and_no_output(string name, byte[] content)
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder[name], content);
        var run = CliRun.Invoke([folder[name], .. Fast]);
        Assert.Equal(3, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("dream: error: ", line);
        Assert.Contains(name, line);
        Assert.Equal([name], folder.Entries());
    }

    [Fact]
    public void Truncated_jpeg_is_refused()
    {
        using var folder = new TempFolder();
        var photo = File.ReadAllBytes(Path.Combine(TempFolder.RepoRoot, "samples", "cat_chelsea.jpg"));
        File.WriteAllBytes(folder["cut.jpg"], photo[..(photo.Length / 2)]);
        var run = CliRun.Invoke([folder["cut.jpg"], .. Fast]);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("cut.jpg", run.Error);
        Assert.Equal(["cut.jpg"], folder.Entries());
    }

    [Fact]
    public void Missing_file_and_pixel_limit_are_bad_input()
    {
        using var folder = new TempFolder();
        var missing = CliRun.Invoke([folder["nope.jpg"], .. Fast]);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("nope.jpg", missing.Error);
        var input = SmallPng(folder);
        var tooBig = CliRun.Invoke([input, "--max-pixels", "1000", .. Fast]);
        Assert.Equal(3, tooBig.ExitCode);
        Assert.Contains("--max-pixels", tooBig.Error);
        Assert.Equal(["small.png"], folder.Entries());
    }

    [Theory]
    [InlineData("--octaves", "0", "--octaves")]
    [InlineData("--layer", "conv9", "conv9")]
    [InlineData("--bogus", "1", "--bogus")]
    [InlineData("--steps", "many", "--steps")]
    [InlineData("--quality", "0", "--quality: must be between 1 and 100")]
    [InlineData("--max-pixels", "0", "--max-pixels: must be at least 1")]
    public void Usage_errors_exit_two(string option, string value, string mentioned)
    {
        using var folder = new TempFolder();
        var input = SmallPng(folder);
        var run = CliRun.Invoke([input, .. Fast, option, value]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(mentioned, run.Error);
        Assert.Equal(["small.png"], folder.Entries());
    }

    [Fact]
    public void On_a_terminal_progress_shows_octave_step_and_eta()
    {
        using var folder = new TempFolder();
        var input = SmallPng(folder);
        var run = CliRun.InvokeOnTerminal(input, "-o", folder["p.png"], "--model", "tiny", "--octaves", "2", "--steps", "3");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\rsmall.png  octave 1/2  step 1/3  ", run.Error);
        Assert.Contains("octave 2/2  step 3/3  100%  ETA 0:00  48x32  objective ", run.Error);
        // The line is blanked before "wrote" is printed: the error stream ends by returning to an empty line.
        Assert.Matches(@"\r +\r$", run.Error);
        Assert.StartsWith("wrote " + folder["p.png"], run.Out);

        var quiet = CliRun.InvokeOnTerminal(input, "-o", folder["q.png"], "--model", "tiny", "--octaves", "1", "--steps", "1", "--quiet");
        Assert.Equal(("", ""), (quiet.Error, quiet.Out));
    }

    [Fact]
    public void Unsupported_output_extension_is_refused_before_dreaming()
    {
        using var folder = new TempFolder();
        var input = SmallPng(folder);
        var run = CliRun.Invoke([input, "-o", folder["out.tiff"], .. Fast]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"dream: error: {folder["out.tiff"]}: unsupported output format '.tiff' (use .jpg, .jpeg, .png or .webp)", run.Error.Trim());
        Assert.Equal(["small.png"], folder.Entries());
    }

    [Fact]
    public void Cuda_without_cuda_is_an_error_not_a_fallback()
    {
        DeepDream.Runtime.TorchRuntime.EnsureLoaded();
        if (TorchSharp.torch.cuda.is_available()) return; // only meaningful where CUDA is absent, as in CI
        using var folder = new TempFolder();
        var input = SmallPng(folder);
        var run = CliRun.Invoke([input, "--device", "cuda", .. Fast]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--device cuda was asked for, but torch reports no CUDA device", run.Error);
        Assert.Equal(["small.png"], folder.Entries());
    }

    [Fact]
    public void Missing_output_folder_is_refused_before_dreaming()
    {
        using var folder = new TempFolder();
        var input = SmallPng(folder);
        var output = Path.Combine(folder["nowhere"], "out.png");
        var run = CliRun.Invoke([input, "-o", output, .. Fast]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"dream: error: {output}: folder {folder["nowhere"]} does not exist", run.Error.Trim());
        Assert.Equal(["small.png"], folder.Entries());
    }

    [Fact]
    public void Refuses_to_overwrite_the_guide()
    {
        using var folder = new TempFolder();
        var input = SmallPng(folder);
        var guide = SmallPng(folder, "guide.png");
        var before = File.ReadAllBytes(guide);
        var run = CliRun.Invoke([input, "--guide", guide, "-o", guide, .. Fast]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("output is the guide image", run.Error);
        Assert.Equal(before, File.ReadAllBytes(guide));
    }

    [Fact]
    public void Unknown_model_is_a_usage_error()
    {
        using var folder = new TempFolder();
        var input = SmallPng(folder);
        var run = CliRun.Invoke(input, "--model", "no-such-model", "--steps", "1");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("dream: error: --model no-such-model: not an installed model", run.Error);
        Assert.Equal(["small.png"], folder.Entries());
    }

    [Fact]
    public void Help_shows_examples_and_exit_codes()
    {
        var run = CliRun.Invoke("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Examples:", run.Out);
        Assert.Contains("Exit codes:", run.Out);
        Assert.Contains("--layer", run.Out);
    }
}
