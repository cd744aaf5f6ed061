using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DeepDream.Cli.Progress;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Pipeline;
using DeepDream.Sheets;
using DeepDream.Visualization;

namespace DeepDream.Cli.Commands;

/// <summary>
/// <c>dream visualize --layer L --channels 0-15 -o grid.png</c>: what each channel of a layer responds to, dreamed
/// from noise, on one labelled sheet (with <c>--diversity N</c>, a row of N different images per channel).
/// </summary>
public static class VisualizeCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--output", "-o") { Description = "The sheet to write (.png, .jpg, .webp)", Required = true };
        var channels = new Option<string?>("--channels")
        {
            Description = "Channels to visualise, e.g. 0-15 or 3,7,10-12 (or give them in --layer, e.g. layer3:0-15) [default: 0-15]",
        };
        var size = new Option<string>("--size") { Description = "Size of each image", DefaultValueFactory = _ => "224x224", HelpName = "WxH" };
        var diversity = new Option<int>("--diversity")
        {
            Description = "Images per channel, dreamed together and pushed apart (Lucid's diversity; see --diversity-weight)",
            DefaultValueFactory = _ => 1,
        };
        var noise = new Option<int>("--noise") { Description = "Amplitude of the starting noise, 0-127", DefaultValueFactory = _ => 20 };
        var quality = ImageOptions.Quality();
        var common = new CommonOptions();
        var dream = new DreamOptions();
        var command = new Command("visualize", "Feature visualisation: what each channel of a layer responds to, dreamed from noise, on a labelled sheet")
        {
            output, channels, size, diversity, noise, quality,
        };
        common.AddTo(command);
        dream.AddTo(command);
        HelpWithExamples.AddTo(command,
            "Each channel (or with @center the neuron at its centre) is dreamed from noise with the visualize preset:\n" +
            "Fourier coordinates, decorrelated colour, and random jitter, scale and rotation at every step. Any dream\n" +
            "option overrides it. The sheet labels each image with its channel and the objective it reached.\n\n" +
            "Examples:\n" +
            "  dream visualize --layer layer3 --channels 0-15 -o layer3.png\n" +
            "  dream visualize --layer layer4:7@center -o neuron.png          # the neuron at the channel's centre\n" +
            "  dream visualize --layer layer3:10 --diversity 4 -o diverse.png  # four different images of one channel\n\n" +
            "Exit codes: 0 done, 1 runtime failure, 2 usage error (also: a layer or channel the model lacks), 130 interrupted.");
        command.SetAction((parse, cancellation) =>
        {
            var settings = common.Read(parse);
            var request = new Request(parse.GetValue(output)!, parse.GetValue(channels), parse.GetValue(size)!, parse.GetValue(diversity),
                parse.GetValue(noise), parse.GetValue(quality), dream.ToSettings(parse, DreamPresets.For(DreamPreset.Visualize)));
            return Task.Run(() => Run(request, settings, console, cancellation), CancellationToken.None);
        });
        return command;
    }

    private sealed record Request(string Output, string? Channels, string Size, int Images, int Noise, int Quality, DreamSettings Settings);

    private static int Run(Request request, CommonSettings common, CliConsole console, CancellationToken cancellation)
    {
        var total = Stopwatch.StartNew();
        // Checked before the model loads; "size" would otherwise be told as --from-noise.
        var (width, height) = ParseSize(request.Size);
        if (request.Images is < 1 or > FeatureVisualizer.MaxImages)
            throw new UsageException($"--diversity {request.Images}: must be between 1 and {FeatureVisualizer.MaxImages}");
        if (request.Noise is < 0 or > 127) throw new UsageException($"--noise {request.Noise}: must be between 0 and 127");
        var target = ImageTarget.File(request.Output, new ImageWriteOptions { Quality = request.Quality });
        OutputChecks.Before(target.Check);
        if (request.Settings.Layers.Count > 1) throw new UsageException("--layer: give one layer to visualise");
        if (request.Settings.Classes.Count > 0 || request.Settings.ClassLabels.Count > 0)
            throw new UsageException("--class: dream visualize shows a layer's channels; for a class, use dream --from-noise --class");

        using var model = ModelLoading.Open(common, console, cancellation);
        var layer = request.Settings.Layers.Count > 0
            ? request.Settings.Layers[0]
            : new LayerObjective(model.Network.RecommendedLayers.FirstOrDefault()
                ?? throw new UsageException($"--layer: model '{model.Network.Name}' has no recommended layer; choose one"));
        if (request.Channels is not null)
        {
            if (layer.Channels is not null) throw new UsageException("--channels: the channels are already given in --layer");
            layer = LayerObjective.Parse($"{layer.Layer}:{request.Channels}{(layer.AtCenter ? "@center" : "")}");
        }
        else if (layer.Channels is null)
        {
            layer = layer with { Channels = Enumerable.Range(0, 16).ToArray() };
        }

        var visualizer = new FeatureVisualizer(model.Network, request.Settings, FeatureVisualizer.UnitsOf(layer));
        var progress = common.ShowProgress(console) ? new DreamProgressLine(console) : null;
        var events = new SynchronousProgress<DreamEvent>(value =>
        {
            if (progress is null) return;
            if (value is UnitStarted started) progress.Label = $"[{started.Index}/{started.Count}] {started.Unit}";
            progress.Report(value);
        });
        var units = visualizer.Visualize(width, height, request.Images, request.Noise, events, cancellation);
        var sheet = FeatureVisualizer.Sheet(units, SheetLayout.Default with { TileWidth = Math.Clamp(width, 32, 2048), FontSize = 12 });
        target.Write(sheet);

        if (common.Json)
        {
            console.Out.WriteLine(CliJson.Serialize(new
            {
                output = Path.GetFullPath(request.Output),
                model = model.Network.Name,
                width = sheet.Width,
                height = sheet.Height,
                units = units.Select(unit => new { unit = unit.Unit.ToString(), objective = unit.Images.Select(image => image.ObjectiveLast) }),
                seconds = total.Elapsed.TotalSeconds,
            }));
        }
        else if (!common.Quiet)
        {
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {request.Output} ({units.Count} × {request.Images} images of {width}x{height}, {model.Network.Name}, {layer}, {total.Elapsed.TotalSeconds:F1} s)"));
        }
        return ExitCodes.Ok;
    }

    private static (int Width, int Height) ParseSize(string text)
    {
        try
        {
            return StartImages.ParseSize(text);
        }
        catch (DreamSettingsException error)
        {
            throw new UsageException(error.Describe("--size"));
        }
    }
}
