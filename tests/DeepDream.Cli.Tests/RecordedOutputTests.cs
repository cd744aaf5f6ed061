using System.Text.Json;
using DeepDream.Imaging;
using DeepDream.Pipeline;
using DeepDream.Tests.Batch;

namespace DeepDream.Tests;

/// <summary>Outputs record how they were made; <c>dream info</c> shows it and <c>--again</c> repeats it.</summary>
public sealed class RecordedOutputTests : IDisposable
{
    // No --threads: torch's thread count belongs to the thread that sets it, and in-process runs share pool threads,
    // so a count set here would leak into other tests' dreams (and their records).
    private static readonly string[] Fast = ["--model", "tiny", "--octaves", "2", "--steps", "3", "--quiet"];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Photo() => TestImages.Random(_folder["photo.png"], 48, 32, seed: 5);

    [Theory]
    [InlineData("out.png")]
    [InlineData("out.jpg")]
    [InlineData("out.webp")]
    public void Repeating_a_recorded_output_writes_the_same_bytes(string name)
    {
        var made = CliRun.Invoke([Photo(), "-o", _folder[name], "--seed", "7", "--jitter", "4", "--tv", "0.2", "--quality", "80", .. Fast]);
        Assert.Equal(0, made.ExitCode);

        var again = CliRun.Invoke(_folder[name], "--again", "-o", _folder["again" + Path.GetExtension(name)], "--quiet");

        Assert.Equal("", again.Error);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(File.ReadAllBytes(_folder[name]), File.ReadAllBytes(_folder["again" + Path.GetExtension(name)]));
    }

    [Theory]
    [InlineData("out.png")]
    [InlineData("out.jpg")]
    [InlineData("out.webp")]
    public void Info_prints_the_settings_model_seed_threads_and_version(string name)
    {
        string photo = Photo();
        Assert.Equal(0, CliRun.Invoke([photo, "-o", _folder[name], "--seed", "7", "--layer", "conv3", .. Fast]).ExitCode);

        var info = CliRun.Invoke("info", _folder[name]);

        Assert.Equal(0, info.ExitCode);
        Assert.Contains($"made by DeepDream {ProgramVersion.Text}", info.Out);
        Assert.Contains($"start     {photo} (pixels SHA-256 ", info.Out);
        Assert.Contains("model     tiny (weights SHA-256 ", info.Out);
        Assert.Contains("settings  --layer conv3 --max-size 0 --octaves 2 --octave-scale 1.4 --steps 3 --step-size 1.5 --jitter 32 --seed 7 --tile-size auto", info.Out);
        Assert.Matches(@"\n  ran on    cpu, \d+ threads?\n", info.Out.ReplaceLineEndings("\n"));
        Assert.Contains($"repeat    dream {_folder[name]} --again -o <output>", info.Out);
    }

    [Fact]
    public void Info_json_is_the_stored_record()
    {
        Assert.Equal(0, CliRun.Invoke([Photo(), "-o", _folder["out.webp"], "--seed", "7", .. Fast]).ExitCode);

        var info = CliRun.Invoke("info", _folder["out.webp"], "--json");

        using var json = JsonDocument.Parse(info.Out);
        var root = json.RootElement;
        Assert.Equal("DeepDream", root.GetProperty("program").GetString());
        Assert.Equal(7, root.GetProperty("settings").GetProperty("seed").GetInt32());
        Assert.True(root.GetProperty("threads").GetInt32() >= 1);
        Assert.Equal("tiny", root.GetProperty("model").GetProperty("source").GetString());
        Assert.Equal(64, root.GetProperty("model").GetProperty("weightsSha256").GetString()!.Length);
        Assert.Equal(_folder["photo.png"], root.GetProperty("start").GetProperty("path").GetString());
        Assert.Equal("webp", root.GetProperty("output").GetProperty("format").GetString());
    }

    [Fact]
    public void Options_given_with_again_override_the_recorded_ones()
    {
        Assert.Equal(0, CliRun.Invoke([Photo(), "-o", _folder["out.png"], "--seed", "7", .. Fast]).ExitCode);

        Assert.Equal(0, CliRun.Invoke(_folder["out.png"], "--again", "--seed", "8", "-o", _folder["seed8.png"], "--quiet").ExitCode);
        Assert.Equal(0, CliRun.Invoke([_folder["photo.png"], "-o", _folder["direct8.png"], "--seed", "8", .. Fast]).ExitCode);

        Assert.Equal(File.ReadAllBytes(_folder["direct8.png"]), File.ReadAllBytes(_folder["seed8.png"]));
        Assert.NotEqual(File.ReadAllBytes(_folder["out.png"]), File.ReadAllBytes(_folder["seed8.png"]));
    }

    [Fact]
    public void A_dream_from_noise_is_repeated_from_the_recorded_noise()
    {
        Assert.Equal(0, CliRun.Invoke(["--from-noise", "40x30", "--noise", "30", "-o", _folder["noise.png"], .. Fast]).ExitCode);

        Assert.Equal(0, CliRun.Invoke(_folder["noise.png"], "--again", "-o", _folder["again.png"], "--quiet").ExitCode);

        Assert.Equal(File.ReadAllBytes(_folder["noise.png"]), File.ReadAllBytes(_folder["again.png"]));
    }

    [Fact]
    public void Info_shows_the_feature_visualisation_settings_of_a_dream_from_noise()
    {
        Assert.Equal(0, CliRun.Invoke(["--from-noise", "40x30", "-o", _folder["lucid.png"], "--param", "fourier", "--decorrelate",
            "--random-scale", "0.1", "--random-rotation", "5", .. Fast]).ExitCode);

        var info = CliRun.Invoke("info", _folder["lucid.png"]);

        Assert.Equal(0, info.ExitCode);
        Assert.Contains("--param fourier --decorrelate --random-scale 0.1 --random-rotation 5", info.Out);
    }

    [Fact]
    public void A_changed_input_is_refused_when_repeating()
    {
        Assert.Equal(0, CliRun.Invoke([Photo(), "-o", _folder["out.png"], .. Fast]).ExitCode);
        ImageFile.Write(new RgbImage(48, 32, new byte[48 * 32 * 3]), _folder["photo.png"], ImageWriteOptions.Default);

        var again = CliRun.Invoke(_folder["out.png"], "--again", "-o", _folder["again.png"]);

        Assert.Equal(3, again.ExitCode);
        Assert.Equal($"dream: error: {_folder["photo.png"]}: no longer holds the recorded picture (its pixels differ)\n", again.Error.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(_folder["again.png"]));
    }

    [Fact]
    public void A_dream_from_stdin_cannot_be_repeated_and_says_so()
    {
        byte[] photo = File.ReadAllBytes(Photo());
        var made = CliRun.InvokeWithStdin(photo, ["-", "-o", _folder["out.png"], .. Fast]);
        Assert.Equal(0, made.ExitCode);

        Assert.Contains("repeat    not possible: the start was <stdin>", CliRun.Invoke("info", _folder["out.png"]).Out);
        var again = CliRun.Invoke(_folder["out.png"], "--again", "-o", _folder["again.png"]);
        Assert.Equal(3, again.ExitCode);
        Assert.Contains($"{_folder["out.png"]}: was dreamed from <stdin>, which cannot be read again", again.Error);
    }

    [Fact]
    public void An_image_without_a_record_is_named_with_the_reason()
    {
        string photo = Photo();

        var info = CliRun.Invoke("info", photo);
        var again = CliRun.Invoke(photo, "--again", "-o", _folder["again.png"]);

        Assert.Equal(3, info.ExitCode);
        Assert.Equal($"dream: error: {photo}: records no settings (it was not written by dream, or its metadata was removed)\n", info.Error.ReplaceLineEndings("\n"));
        Assert.Equal(3, again.ExitCode);
        Assert.Contains("records no settings", again.Error);
    }

    [Fact]
    public void Batch_outputs_record_their_input_file()
    {
        Photo();
        Assert.Equal(0, CliRun.Invoke(["batch", _folder["photo.png"], "--out", _folder["dreamed"], .. Fast]).ExitCode);

        var record = DreamRecord.Parse(ImageRecipe.Read(_folder["dreamed/photo.png"])!, "dreamed/photo.png");

        Assert.Equal(DreamSource.File(_folder["photo.png"]) with { Pixels = record.Start.Pixels }, record.Start);
        Assert.Equal(0, CliRun.Invoke(_folder["dreamed/photo.png"], "--again", "-o", _folder["again.png"], "--quiet").ExitCode);
        Assert.Equal(File.ReadAllBytes(_folder["dreamed/photo.png"]), File.ReadAllBytes(_folder["again.png"]));
    }
}
