using System.CommandLine;
using DeepDream.Imaging;
using DeepDream.Pipeline;

namespace DeepDream.Cli.Commands;

/// <summary><c>dream info image</c>: how an output was made, as recorded in its metadata.</summary>
public static class InfoCommand
{
    public static Command Create(CliConsole console)
    {
        var image = new Argument<string>("image") { Description = "An image written by dream (PNG, JPEG or WebP)" };
        var json = new Option<bool>("--json") { Description = "Print the record as JSON, as stored in the image" };
        var command = new Command("info", "Show how an output was made: settings, model and weights, seed, threads, version") { image, json };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(image)!;
            string recipe = ImageRecipe.Read(path)
                ?? throw new DreamInputException($"{path}: records no settings (it was not written by dream, or its metadata was removed)");
            var record = DreamRecord.Parse(recipe, path);
            if (parse.GetValue(json))
                console.Out.WriteLine(recipe);
            else
                Print(console.Out, path, record);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(TextWriter output, string path, DreamRecord record)
    {
        output.WriteLine($"{path}: made by {record.Program} {record.Version}");
        if (record.Octave is { } octave) output.WriteLine($"  octave    {octave}: the image after octave {octave} of {record.Settings.Octaves}, saved with --save-octaves");
        output.WriteLine($"  start     {Describe(record.Start)}");
        if (record.Guide is { } guide) output.WriteLine($"  guide     {Describe(guide)}");
        if (record.Model is { } model) output.WriteLine($"  model     {Describe(model)}");
        foreach (var tile in record.Sheet ?? []) output.WriteLine($"  tile      {tile.Layer} on {Describe(tile.Model)}");
        output.WriteLine($"  settings  {SettingsArguments.For(record.Settings)}");
        output.WriteLine($"  ran on    {record.Device}, {record.Threads} thread{(record.Threads == 1 ? "" : "s")}{(record.Precision is { } precision ? $", {precision.ToString().ToLowerInvariant()}" : "")}");
        if (record.Output is { } encoding)
            output.WriteLine($"  output    {encoding.Format.ToString().ToLowerInvariant()}{(encoding.Format == ImageFormat.Png ? "" : $", quality {encoding.Quality}")}");
        if (record.Octave is not null)
            output.WriteLine("  repeat    repeat the dream's result (its output) with --again and --save-octaves");
        else if (record.Sheet is not null && record.Start.Kind == DreamSourceKind.Noise)
            output.WriteLine("  repeat    dream visualize with the tiles' units and the settings above (the noise comes again from the seed)");
        else if (record.Sheet is not null)
            output.WriteLine($"  repeat    dream sheet {record.Start.Path ?? "<image>"} -o <sheet> (with the settings above)");
        else if (record.Start.CanBeMadeAgain)
            output.WriteLine($"  repeat    dream {path} --again -o <output>");
        else
            output.WriteLine($"  repeat    not possible: the start was {record.Start}, which cannot be read again");
    }

    private static string Describe(DreamSource source) => source.Pixels is null ? source.ToString() : $"{source} (pixels SHA-256 {source.Pixels[..16]}…)";

    private static string Describe(RecordedModel model) =>
        $"{model.Name}{(model.Source == model.Name ? "" : $" from {model.Source}")} (weights SHA-256 {model.WeightsSha256 ?? "unknown"})";
}
