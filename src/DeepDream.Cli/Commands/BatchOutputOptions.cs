using System.CommandLine;
using DeepDream.Batch;
using DeepDream.Imaging;

namespace DeepDream.Cli.Commands;

/// <summary>Where and how <c>dream batch</c> and <c>dream frames</c> write, and how they read their inputs.</summary>
internal sealed class BatchOutputOptions
{
    public BatchOutputOptions(string defaultFormat)
    {
        Format = new Option<string>("--format")
        {
            Description = "Output format; keep: each input's own (an error for .bmp and .gif inputs)",
            DefaultValueFactory = _ => defaultFormat,
            HelpName = "jpeg|png|webp|keep",
        };
        Format.AcceptOnlyFromAmong("jpeg", "png", "webp", "keep");
    }

    public Option<string> Out { get; } = new("--out", "-o")
    {
        Description = "Output folder (created if needed). Outputs keep the inputs' relative paths; manifest.jsonl records what was done",
        Required = true,
    };

    public Option<string> Format { get; }

    public Option<int> Quality { get; } = ImageOptions.Quality();

    public Option<long> MaxPixels { get; } = ImageOptions.MaxPixels("Fail inputs with more pixels than this");

    public void AddTo(Command command)
    {
        command.Options.Add(Out);
        command.Options.Add(Format);
        command.Options.Add(Quality);
        command.Options.Add(MaxPixels);
    }

    /// <summary>The output folder and the extension outputs get (jpeg gives .jpg; keep, none).</summary>
    public OutputLayout Layout(ParseResult parse) => new(parse.GetValue(Out)!, parse.GetValue(Format) switch
    {
        "keep" => null,
        "jpeg" => "jpg",
        var format => format,
    });

    /// <summary>How the inputs are read (see <see cref="ImageOptions.ReadOptions"/>).</summary>
    public ImageReadOptions Read(ParseResult parse, CliConsole console, CommonSettings common) =>
        ImageOptions.ReadOptions(parse.GetValue(MaxPixels), console, common);

    public ImageWriteOptions Write(ParseResult parse) => new() { Quality = parse.GetValue(Quality) };
}
