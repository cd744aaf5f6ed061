using System.CommandLine;
using System.Diagnostics;
using DeepDream.Cli.Progress;
using DeepDream.Imaging;
using DeepDream.Pipeline;

namespace DeepDream.Cli.Commands;

/// <summary>The root command: <c>dream input.jpg [-o out.jpg] [options]</c> dreams one image.</summary>
public static class DreamCommand
{
    public static RootCommand Create(CliConsole console)
    {
        var input = new Argument<string?>("input")
        {
            Description = "Image to dream on (JPEG, PNG, WebP, BMP, GIF), or - for stdin",
            Arity = ArgumentArity.ZeroOrOne,
            // Hidden, or System.CommandLine would list it in every subcommand's usage; the description shows it.
            Hidden = true,
        };
        var fromNoise = new Option<string?>("--from-noise") { Description = "Start from grey noise of this size instead of a photo, e.g. 512x512 (needs -o)", HelpName = "WxH" };
        var noise = new Option<int>("--noise") { Description = "Noise amplitude for --from-noise, 0-127 (0: plain grey)", DefaultValueFactory = _ => 20 };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Output file (.jpg, .png, .webp), or - for stdout. Default: <input>.dream.<ext> next to the input",
        };
        var format = OptionValues.OptionalChoice<ImageFormat>("--format", "Output format for stdout or for the default output name");
        var quality = ImageOptions.Quality();
        var maxPixels = ImageOptions.MaxPixels();
        var inPlace = new Option<bool>("--in-place") { Description = "Allow the output to replace the input file" };
        var commonOptions = new CommonOptions();
        var dream = new DreamOptions();

        var root = new RootCommand(
            "DeepDream: amplify what a pretrained network sees in an image.\n\n" +
            "  dream <input> [-o <output>] [options]    dream one image (JPEG, PNG, WebP, BMP, GIF; - for stdin)\n" +
            "  dream <command> ...                      batch, zoom, frames, video, models, layers, help (see below)\n\n" +
            "Examples:\n" +
            "  dream photo.jpg                                  # writes photo.dream.jpg with the default model\n" +
            "  dream photo.jpg --layer mixed3 --octaves 5 -o out.png\n" +
            "  dream photo.jpg --model googlenet --layer inception4c --layer inception3b=0.5\n" +
            "  dream photo.jpg --layer mixed4:97 --preset deep    # one channel: 'single neuron' maximisation\n" +
            "  dream --from-noise 512x512 --layer mixed3 --tv 0.3 --blur 1 -o features.png\n" +
            "  cat photo.jpg | dream - -o - --format png > out.png\n" +
            "  dream batch photos/ --out dreamed/               # a whole folder, resumable\n\n" +
            "Exit codes: 0 ok, 1 runtime failure, 2 usage error, 3 bad input file, 4 some batch files failed, 130 interrupted.")
        {
            input, output, format, quality, maxPixels, inPlace, fromNoise, noise,
        };
        commonOptions.AddTo(root);
        dream.AddTo(root);
        root.Subcommands.Add(BatchCommand.Create(console));
        root.Subcommands.Add(ZoomCommand.Create(console));
        root.Subcommands.Add(FramesCommand.Create(console));
        root.Subcommands.Add(VideoCommand.Create(console));
        root.Subcommands.Add(ModelsCommand.Create(console));
        root.Subcommands.Add(LayersCommand.Create(console));

        root.SetAction((parse, cancellation) =>
        {
            var common = commonOptions.Read(parse);
            var request = new SingleDreamRequest(
                Input: parse.GetValue(input),
                FromNoise: parse.GetValue(fromNoise),
                NoiseAmplitude: parse.GetValue(noise),
                Guide: parse.GetValue(dream.Guide),
                Output: parse.GetValue(output),
                Format: parse.GetValue(format),
                Read: ImageOptions.ReadOptions(parse.GetValue(maxPixels), console, common),
                Quality: parse.GetValue(quality),
                InPlace: parse.GetValue(inPlace),
                Json: common.Json,
                Settings: dream.ToSettings(parse));
            // On a worker thread so that System.CommandLine's Ctrl-C/SIGTERM handler is in place while the dream runs.
            return Task.Run(() => Run(request, common, root, console, cancellation), CancellationToken.None);
        });
        return root;
    }

    private static int Run(SingleDreamRequest request, CommonSettings common, RootCommand root, CliConsole console,
        CancellationToken cancellation)
    {
        var total = Stopwatch.StartNew();
        CheckInputIsNotACommand(request.Input, root);
        request.CheckOutputs();

        // Inputs first: a bad file is reported at once, before a model is loaded (or installed).
        var clock = Stopwatch.StartNew();
        var image = request.ReadStart(console);
        var guide = request.Guide is null ? null : ImageFile.Read(request.Guide, request.Read);
        double readSeconds = clock.Elapsed.TotalSeconds;

        using var setup = DreamSetup.Open(common, console, request.Settings, guide, cancellation);
        var progress = common.ShowProgress(console) ? new DreamProgressLine(console) { Label = request.Label } : null;
        clock.Restart();
        double dreamSeconds = 0;
        var events = new SynchronousProgress<DreamEvent>(value =>
        {
            if (value is OctaveDone { Octave: var octave, OctaveCount: var count } && octave == count) dreamSeconds = clock.Elapsed.TotalSeconds;
            progress?.Report(value);
        });
        var dreamed = setup.Pipeline.Dream(image, request.Target(console.OpenStdout()), events, cancellation);
        double writeSeconds = clock.Elapsed.TotalSeconds - dreamSeconds;

        var settings = setup.Pipeline.Settings;
        if (common.Json)
        {
            console.Out.WriteLine(DreamReport.Create(request.Label, request.OutputPath, setup.Model, settings, image, dreamed,
                new DreamTimings(setup.Model.LoadSeconds, readSeconds, dreamSeconds, writeSeconds, total.Elapsed.TotalSeconds)).ToJson());
        }
        else if (!common.Quiet && request.OutputPath != "-")
        {
            console.Out.WriteLine($"wrote {request.OutputPath} ({dreamed.Image.Width}x{dreamed.Image.Height}, {setup.Model.Network.Name}, {settings.Describe()}, {total.Elapsed.TotalSeconds:F1} s)");
        }
        return ExitCodes.Ok;
    }

    /// <summary>
    /// A missing input that reads like a mistyped command (<c>dream hlep</c>) is reported as such, not as a missing file.
    /// </summary>
    private static void CheckInputIsNotACommand(string? input, RootCommand root)
    {
        if (input is null or "-" || Path.Exists(input) || Path.HasExtension(input) || input.IndexOfAny(['/', '\\']) >= 0) return;
        var commands = NameSuggestions.For(input, root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
        if (commands.Count > 0)
            throw new UsageException($"'{input}' is neither an image file nor a command{NameSuggestions.Hint(commands)}");
    }
}
