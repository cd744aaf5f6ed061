using System.CommandLine;
using DeepDream.Imaging;
using DeepDream.Models;
using DeepDream.Runtime;

namespace DeepDream.Cli.Commands;

/// <summary><c>dream layers</c>: a model's layers with output shapes, and with an image their activation statistics.</summary>
public static class LayersCommand
{
    public static Command Create(CliConsole console)
    {
        var image = new Option<string?>("--image") { Description = "Also show each layer's activation mean, std and max on this image" };
        var size = new Option<int>("--size") { Description = "Input size (pixels, square) for the shapes when no --image is given", DefaultValueFactory = _ => 224 };
        var all = new Option<bool>("--all") { Description = "List every graph tensor, not only the friendly layer names" };
        var common = new CommonOptions();
        var command = new Command("layers", "List a model's layers (with output shapes) to choose --layer") { image, size, all };
        common.AddTo(command);
        command.SetAction((parse, cancellation) =>
        {
            var settings = common.Read(parse);
            if (settings.Model == ModelLoading.TinyModel)
                throw new UsageException("--model tiny: the built-in test network's layers are conv1, conv2, conv3 and logits; `dream layers` describes model files");
            var model = ModelLoading.Resolve(settings, console, cancellation, preprocessingNeeded: parse.GetValue(image) is not null);
            TorchRuntime.UsePrecision(settings.Precision);
            TorchRuntime.EnsureLoaded(ModelLoading.InstallMessages(settings.Quiet, console), cancellation);
            var device = TorchRuntime.ResolveDevice(settings.Device);
            TorchRuntime.SetThreads(settings.Threads);
            IReadOnlyList<LayerReport> reports;
            if (parse.GetValue(image) is { } path)
            {
                var picture = ImageFile.Read(path, ImageReadOptions.Default);
                using var pixels = ImageTensor.ToTensor(picture, device);
                reports = LayerStatistics.Activations(model, device, pixels, settings.Precision);
            }
            else
            {
                int side = parse.GetValue(size);
                if (side is < 8 or > 4096) throw new UsageException($"--size {side}: must be between 8 and 4096");
                reports = LayerStatistics.Shapes(model, device, side, side);
            }
            var friendly = model.LayerAliases.Keys.ToHashSet(StringComparer.Ordinal);
            var shown = parse.GetValue(all) || friendly.Count == 0 ? reports : reports.Where(r => friendly.Contains(r.Layer)).ToList();
            Print(console, model, shown, settings.Json);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static void Print(CliConsole console, ModelDefinition model, IReadOnlyList<LayerReport> reports, bool json)
    {
        if (json)
        {
            console.Out.WriteLine(CliJson.Serialize(new { model = model.Id, recommended = model.RecommendedLayers, layers = reports }));
            return;
        }
        console.Out.WriteLine($"{model.Id}: {model.Description}");
        console.Out.WriteLine($"recommended: {string.Join(", ", model.RecommendedLayers)}");
        foreach (var rewrite in model.Graph.SizeRewrites) console.Out.WriteLine($"any size: {rewrite}");
        foreach (var report in reports)
        {
            string shape = report.Shape is { } s ? string.Join("x", s) : "-";
            string stats = report.Activation is { } a ? $"  mean {a.Mean,9:G4}  std {a.Std,9:G4}  max {a.Max,9:G4}" : "";
            string note = report.Problem is { } p ? $"  ({p})" : "";
            string target = model.LayerAliases.TryGetValue(report.Layer, out var tensor) && tensor != report.Layer ? $" = {tensor}" : "";
            console.Out.WriteLine($"  {report.Layer + target,-44} {shape,-16}{stats}{note}");
        }
    }
}
