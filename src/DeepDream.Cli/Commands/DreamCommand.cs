using System.CommandLine;
using System.Diagnostics;
using DeepDream.Dreaming;
using DeepDream.Imaging;

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
        var format = new Option<ImageFormat?>("--format") { Description = "Output format for stdout or for the default output name", HelpName = "jpeg|png|webp" };
        var quality = ImageOptions.Quality();
        var maxPixels = ImageOptions.MaxPixels();
        var inPlace = new Option<bool>("--in-place") { Description = "Allow the output to replace the input file" };
        var common = new CommonOptions();
        var dream = new DreamOptions();

        var root = new RootCommand(
            "DeepDream: amplify what a pretrained network sees in an image.\n\n" +
            "  dream <input> [-o <output>] [options]    dream one image (JPEG, PNG, WebP, BMP, GIF; - for stdin)\n" +
            "  dream <command> ...                      batch, zoom, frames, models, layers (see below)\n\n" +
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
        common.AddTo(root);
        dream.AddTo(root);
        root.Subcommands.Add(BatchCommand.Create(console));
        root.Subcommands.Add(ZoomCommand.Create(console));
        root.Subcommands.Add(FramesCommand.Create(console));
        root.Subcommands.Add(ModelsCommand.Create(console));
        root.Subcommands.Add(LayersCommand.Create(console));

        root.SetAction((parse, cancellation) =>
        {
            var request = new SingleDreamRequest(
                Input: parse.GetValue(input),
                FromNoise: parse.GetValue(fromNoise),
                NoiseAmplitude: parse.GetValue(noise),
                Guide: parse.GetValue(dream.Guide),
                Classes: dream.ClassSpecs(parse),
                Output: parse.GetValue(output),
                Format: parse.GetValue(format),
                Read: new ImageReadOptions { MaxPixels = parse.GetValue(maxPixels) },
                Quality: parse.GetValue(quality),
                InPlace: parse.GetValue(inPlace),
                Settings: dream.ToSettings(parse));
            // On a worker thread so that System.CommandLine's Ctrl-C/SIGTERM handler is in place while the dream runs.
            return Task.Run(() => Run(request, common.Read(parse), console, cancellation), CancellationToken.None);
        });
        return root;
    }

    private static int Run(SingleDreamRequest request, CommonSettings common, CliConsole console, CancellationToken cancellation)
    {
        var total = Stopwatch.StartNew();
        var outputPath = request.ResolveOutputPath();

        // Inputs first: a bad file is reported at once, before a model is loaded (or installed).
        var clock = Stopwatch.StartNew();
        var image = request.ReadStart(console, cancellation);
        var guide = request.Guide is null ? null : ImageFile.Read(request.Guide, request.Read);
        double readSeconds = clock.Elapsed.TotalSeconds;

        using var model = ModelLoading.Open(common, console, cancellation);
        clock.Restart();
        var settings = model.Complete(request.Settings, request.Classes);
        var (height, width) = ImageDreamer.FitWithin(image.Height, image.Width, settings.MaxSide);
        var progress = common.ShowProgress(console)
            ? new ProgressPrinter(console.Error, request.Label,
                Pyramid.Sizes(height, width, settings.Octaves, settings.OctaveScale), settings.Steps)
            : null;
        DreamedImage dreamed;
        try
        {
            dreamed = new ImageDreamer(model.Network).Dream(image, settings, progress, cancellation, guide);
        }
        catch (ImageTooSmallException error)
        {
            throw error.For(request.InputFile ?? request.Label);
        }
        double dreamSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var write = new ImageWriteOptions { Quality = request.Quality, InPlace = request.InPlace, InputPath = request.InputFile };
        if (outputPath == "-")
            ImageFile.Write(dreamed.Image, console.OpenStdout(), "<stdout>", request.Format ?? ImageFormat.Png, write);
        else
            ImageFile.Write(dreamed.Image, outputPath, write);
        double writeSeconds = clock.Elapsed.TotalSeconds;

        if (common.Json)
        {
            console.Out.WriteLine(DreamReport.Create(request.Label, outputPath, model, settings, image, dreamed,
                new DreamTimings(model.LoadSeconds, readSeconds, dreamSeconds, writeSeconds, total.Elapsed.TotalSeconds)).ToJson());
        }
        else if (!common.Quiet && outputPath != "-")
        {
            console.Out.WriteLine($"wrote {outputPath} ({dreamed.Image.Width}x{dreamed.Image.Height}, {model.Network.Name}, {settings.Describe()}, {total.Elapsed.TotalSeconds:F1} s)");
        }
        return ExitCodes.Ok;
    }
}
