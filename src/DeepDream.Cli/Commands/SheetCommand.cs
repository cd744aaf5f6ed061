using System.CommandLine;
using System.Diagnostics;
using DeepDream.Cli.Progress;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Models;
using DeepDream.Models.Store;
using DeepDream.Pipeline;
using DeepDream.Sheets;

namespace DeepDream.Cli.Commands;

/// <summary>
/// <c>dream sheet photo.jpg -o sheet.jpg [--model M …] [--layer L …]</c>: the photo dreamed once per (model, layer)
/// with the same settings, laid out on a labelled contact sheet with the original, to choose a layer by eye.
/// </summary>
public static class SheetCommand
{
    /// <summary>Longest side the photo is shrunk to unless --max-size is given: tiles are small, and so is the wait.</summary>
    public const int DefaultMaxSide = 512;

    public static Command Create(CliConsole console)
    {
        var input = new Argument<string>("image") { Description = "The photo to dream on (JPEG, PNG, WebP, BMP, GIF), or - for stdin" };
        var output = new Option<string?>("--output", "-o") { Description = "The sheet (.jpg, .png, .webp). Default: <image>.sheet.jpg next to the image" };
        var models = new Option<string[]>("--model", "-m")
        {
            Description = "Model to dream with; repeat for several. Default: $DEEPDREAM_MODEL, else every installed model, else the default model",
        };
        var columns = new Option<int>("--columns") { Description = "Tiles per row (0: about as many as rows)", DefaultValueFactory = _ => 0 };
        var cellWidth = new Option<int>("--cell-width") { Description = "Width in pixels of each picture on the sheet", DefaultValueFactory = _ => SheetLayout.Default.TileWidth };
        var quality = ImageOptions.Quality();
        var maxPixels = ImageOptions.MaxPixels();
        var common = new CommonOptions();
        var dream = new DreamOptions();
        var command = new Command("sheet", "Dream one photo once per model and layer and lay the results out on a labelled contact sheet")
        {
            input, output, models, columns, cellWidth, quality, maxPixels,
        };
        common.AddTo(command, withModel: false);
        dream.AddTo(command);
        HelpWithExamples.AddTo(command,
            "Each tile is labelled with the model, the layer and how much the objective rose (last step over first).\n" +
            "Without --layer, each model's recommended layers; the photo is shrunk to " + DefaultMaxSide + " px unless --max-size is given.\n\n" +
            "Examples:\n" +
            "  dream sheet photo.jpg -o sheet.jpg                         # every installed model, its recommended layers\n" +
            "  dream sheet photo.jpg -o sheet.jpg -m inceptionv3 --layer mixed2 --layer mixed3 --layer mixed4 --layer mixed5\n" +
            "  dream sheet photo.jpg -o sheet.png --preset subtle --columns 4");

        command.SetAction((parse, cancellation) => Task.Run(() =>
        {
            if (parse.GetResult(dream.Classes) is { Implicit: false } || parse.GetResult(dream.Guide) is { Implicit: false })
                throw new UsageException("dream sheet compares layers: leave out --class and --guide");
            var commonSettings = common.Read(parse);
            string image = parse.GetValue(input)!;
            if (image == "-" && parse.GetValue(output) is null) throw new UsageException("the photo comes from stdin: name the sheet with -o");
            string sheetPath = parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(image) ?? "", Path.GetFileNameWithoutExtension(image) + ".sheet.jpg");
            var target = ImageTarget.File(sheetPath, new ImageWriteOptions { Quality = parse.GetValue(quality), InputPath = image == "-" ? null : image });
            OutputChecks.Before(target.Check);
            var layout = OptionLayout(parse.GetValue(columns), parse.GetValue(cellWidth));
            var settings = dream.ToSettings(parse);
            if (parse.GetResult(dream.MaxSize) is null or { Implicit: true }) settings = settings with { MaxSide = DefaultMaxSide };
            var layers = settings.Layers;
            var photo = console.ReadImage(image, ImageOptions.ReadOptions(parse.GetValue(maxPixels), console, commonSettings), cancellation);
            var source = image == "-" ? DreamSource.Stream("<stdin>") : DreamSource.File(image);

            var clock = Stopwatch.StartNew();
            var sheet = new LayerSheet(photo, source);
            var names = ModelsFor(parse.GetValue(models));
            // Before any tile is dreamed, not when the tiny network's turn comes.
            foreach (var name in names) ModelLoading.CheckPrecision(name, commonSettings.Precision);
            var run = new RunEstimate();
            var progress = commonSettings.ShowProgress(console) ? new DreamProgressLine(console, run) : null;
            int position = 0, count = 0;
            foreach (var name in names)
            {
                using var model = ModelLoading.Open(commonSettings with { Model = name }, console, cancellation);
                var chosen = layers.Count > 0 ? layers : model.Network.RecommendedLayers.Select(layer => new LayerObjective(layer)).ToList();
                if (chosen.Count == 0) throw new UsageException($"model '{model.Network.Name}' has no recommended layers; name them with --layer");
                // Every pipeline is built (and so checked) before the first dream of this model.
                var pipelines = chosen.Select(layer => new DreamPipeline(model.Network, settings with { Layers = [layer] }) { ModelSource = model.Source }).ToList();
                count += pipelines.Count;
                foreach (var pipeline in pipelines)
                {
                    // The count grows as each model's layers become known.
                    run.Start(++position, count);
                    progress?.Label = $"[{position}/{count}] {model.Network.Name} {pipeline.Settings.Describe()}";
                    sheet.Add(pipeline, progress, cancellation);
                    run.Finish();
                }
            }
            var written = sheet.Write(target, layout);
            if (commonSettings.Json)
                console.Out.WriteLine(CliJson.Serialize(new { output = sheetPath, width = written.Width, height = written.Height, dreams = sheet.Tiles.Count - 1, seconds = Math.Round(clock.Elapsed.TotalSeconds, 3) }));
            else if (!commonSettings.Quiet)
                console.Out.WriteLine($"wrote {sheetPath} ({sheet.Tiles.Count - 1} dreams and the original, {written.Width}x{written.Height}, {clock.Elapsed.TotalSeconds:F1} s)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static SheetLayout OptionLayout(int columns, int cellWidth)
    {
        if (columns is < 0 or > 256) throw new UsageException($"--columns {columns}: must be between 0 and 256");
        if (cellWidth is < 32 or > 2048) throw new UsageException($"--cell-width {cellWidth}: must be between 32 and 2048");
        return new SheetLayout { Columns = columns, TileWidth = cellWidth };
    }

    /// <summary>The models asked for; else $DEEPDREAM_MODEL; else every installed one; else the default (null: installed on first use).</summary>
    private static IReadOnlyList<string?> ModelsFor(string[]? requested)
    {
        if (requested is { Length: > 0 }) return requested;
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ModelResolver.ModelVariable))) return [null];
        var installed = ModelStore.Default().List().Select(model => model.Id).ToList();
        return installed.Count > 0 ? [.. installed] : [null];
    }
}
