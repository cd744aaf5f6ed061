using System.CommandLine;
using System.Diagnostics;
using DeepDream.Cli.Progress;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Pipeline;
using DeepDream.Runtime;

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
        var fromNoise = new Option<string?>("--from-noise") { Description = "Start from grey noise of this size instead of a photo, e.g. 224x224 (needs -o); starts from the visualize preset", HelpName = "WxH" };
        var noise = new Option<int>("--noise") { Description = "Noise amplitude for --from-noise, 0-127 (0: plain grey)", DefaultValueFactory = _ => 20 };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Output file (.jpg, .png, .webp), or - for stdout. Default: <input>.dream.<ext> next to the input",
        };
        var format = OptionValues.OptionalChoice<ImageFormat>("--format", "Output format for stdout or for the default output name");
        var quality = ImageOptions.Quality();
        var maxPixels = ImageOptions.MaxPixels();
        var inPlace = new Option<bool>("--in-place") { Description = "Allow the output to replace the input file" };
        var saveOctaves = new Option<string?>("--save-octaves") { Description = "Also save the image after each octave into this folder (octave1.png, …)", HelpName = "DIR" };
        var gif = new Option<string?>("--gif") { Description = "Also write the progression, octave by octave, as an animated GIF", HelpName = "FILE" };
        var again = new Option<bool>("--again")
        {
            Description = "Repeat how the input (an output of dream) was made: its recorded start, settings, model, seed and threads. Options given override them",
        };
        var commonOptions = new CommonOptions();
        var dream = new DreamOptions();

        var root = new RootCommand(
            "DeepDream: amplify what a pretrained network sees in an image.\n\n" +
            "  dream <input> [-o <output>] [options]    dream one image (JPEG, PNG, WebP, BMP, GIF; - for stdin)\n" +
            "  dream <command> ...                      batch, zoom, frames, video, visualize, sheet, info, models, layers, help\n\n" +
            "Examples:\n" +
            "  dream photo.jpg                                  # writes photo.dream.jpg with the default model\n" +
            "  dream photo.jpg --layer layer3.0 --octaves 5 -o out.png\n" +
            "  dream photo.jpg --model googlenet --layer inception4c --layer inception3b=0.5\n" +
            "  dream photo.jpg --layer layer3:97 --preset deep    # one channel: 'single neuron' maximisation\n" +
            "  dream --from-noise 224x224 --layer layer3:5 -o features.png   # what a channel responds to\n" +
            "  dream visualize --layer layer3 --channels 0-15 -o layer3.png  # a labelled sheet of channels\n" +
            "  cat photo.jpg | dream - -o - --format png > out.png\n" +
            "  dream info out.png                               # how out.png was made\n" +
            "  dream out.png --again -o same.png                # make it again, byte for byte\n" +
            "  dream batch photos/ --out dreamed/               # a whole folder, resumable\n" +
            "  dream sheet photo.jpg -o sheet.jpg               # every layer worth trying, side by side\n\n" +
            "Exit codes: 0 ok, 1 runtime failure, 2 usage error, 3 bad input file, 4 some batch files failed, 130 interrupted.")
        {
            input, output, format, quality, maxPixels, inPlace, fromNoise, noise, saveOctaves, gif, again,
        };
        commonOptions.AddTo(root);
        dream.AddTo(root);
        root.Subcommands.Add(BatchCommand.Create(console));
        root.Subcommands.Add(ZoomCommand.Create(console));
        root.Subcommands.Add(FramesCommand.Create(console));
        root.Subcommands.Add(VideoCommand.Create(console));
        root.Subcommands.Add(ModelsCommand.Create(console));
        root.Subcommands.Add(LayersCommand.Create(console));
        root.Subcommands.Add(VisualizeCommand.Create(console));
        root.Subcommands.Add(SheetCommand.Create(console));
        root.Subcommands.Add(InfoCommand.Create(console));

        root.SetAction((parse, cancellation) =>
        {
            var common = commonOptions.Read(parse);
            if (parse.GetValue(again))
            {
                var repeat = AgainRequest.Create(parse, parse.GetValue(input), fromNoise, commonOptions, dream);
                bool modelGiven = parse.GetResult(commonOptions.Model) is { Implicit: false };
                var recorded = repeat.Request with
                {
                    Output = parse.GetValue(output),
                    Format = parse.GetValue(format) ?? repeat.Request.Format,
                    Quality = parse.GetResult(quality) is { Implicit: false } ? parse.GetValue(quality) : repeat.Request.Quality,
                    InPlace = parse.GetValue(inPlace),
                    Read = ImageOptions.ReadOptions(parse.GetValue(maxPixels), console, repeat.Common),
                    SaveOctaves = parse.GetValue(saveOctaves),
                    Gif = parse.GetValue(gif),
                };
                return Task.Run(() => Run(recorded, repeat.Common, root, console, cancellation, checkModel: !modelGiven), CancellationToken.None);
            }
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
                Settings: dream.ToSettings(parse, parse.GetValue(fromNoise) is null ? null : DreamPresets.For(DreamPreset.Visualize)),
                SaveOctaves: parse.GetValue(saveOctaves),
                Gif: parse.GetValue(gif));
            // On a worker thread so that System.CommandLine's Ctrl-C/SIGTERM handler is in place while the dream runs.
            return Task.Run(() => Run(request, common, root, console, cancellation), CancellationToken.None);
        });
        return root;
    }

    private static int Run(SingleDreamRequest request, CommonSettings common, RootCommand root, CliConsole console,
        CancellationToken cancellation, bool checkModel = false)
    {
        var total = Stopwatch.StartNew();
        StartupTrace.Mark("parsed");
        CheckInputIsNotACommand(request.Input, root);
        request.CheckOutputs();
        string? gifEncoder = request.Gif is null ? null : ProgressionGif.FindEncoder(request.Gif, Environment.GetEnvironmentVariable("PATH"));

        // Inputs first: a bad file is reported at once, before a model is loaded (or installed).
        var clock = Stopwatch.StartNew();
        var image = request.ReadStart(console, cancellation);
        var guide = request.ReadGuide();
        double readSeconds = clock.Elapsed.TotalSeconds;
        StartupTrace.Mark("image-decoded");

        using var setup = DreamSetup.Open(common, console, request.Settings, guide, request.Guide, cancellation);
        if (checkModel) request.Again?.CheckModel(setup.Model.Network, request.Input!);
        setup.Pipeline.CheckFits(image, request.InputFile ?? request.Label);
        var progress = common.ShowProgress(console) ? new DreamProgressLine(console) { Label = request.Label } : null;
        clock.Restart();
        double dreamSeconds = 0;
        var octaves = request.KeepsOctaves ? new OctaveImages() : null;
        var events = new SynchronousProgress<DreamEvent>(value =>
        {
            if (value is DreamStep { Octave: 1, Step: 1 }) StartupTrace.Mark("first-step");
            if (value is DreamPlanned { Plan.LeftOutNote: { } note } && !common.Quiet) console.Error.WriteLine($"dream: note: {note}");
            if (value is OctaveDone { Octave: var octave, OctaveCount: var count } && octave == count)
            {
                dreamSeconds = clock.Elapsed.TotalSeconds;
                StartupTrace.Mark("dreamed");
            }
            octaves?.Report(value);
            progress?.Report(value);
        });
        var target = request.Target(console.OpenStdout());
        var dreamed = setup.Pipeline.Dream(image, request.Source, target, events, cancellation);
        if (octaves is not null)
        {
            var record = setup.Pipeline.Record(request.Source, image, target);
            if (request.SaveOctaves is not null) octaves.Save(request.SaveOctaves, record);
            if (request.Gif is not null) ProgressionGif.Write(gifEncoder!, request.Gif, image, octaves.Images, record.ToJson(), cancellation);
        }
        double writeSeconds = clock.Elapsed.TotalSeconds - dreamSeconds;
        StartupTrace.Mark("written");

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
