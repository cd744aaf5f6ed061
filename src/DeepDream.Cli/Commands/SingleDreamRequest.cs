using DeepDream.Dreaming;
using DeepDream.Imaging;

namespace DeepDream.Cli.Commands;

/// <summary>What <c>dream [input]</c> was asked to do, after parsing.</summary>
public sealed record SingleDreamRequest(
    string? Input, string? FromNoise, int NoiseAmplitude, string? Guide, string? Output, ImageFormat? Format,
    ImageReadOptions Read, int Quality, bool InPlace, bool Json, DreamSettings Settings)
{
    /// <summary>The input file, when the start is a file (not stdin, not noise).</summary>
    public string? InputFile => Input is null or "-" ? null : Input;

    /// <summary>How the start is named in progress lines and reports.</summary>
    public string Label => FromNoise is not null ? $"noise {FromNoise}" : Input == "-" ? "<stdin>" : Path.GetFileName(Input!);

    /// <summary>The output path: -o as given, else <c>input.dream.ext</c> next to the input, else "-" (stdout).</summary>
    public string OutputPath
    {
        get
        {
            if (Output is not null) return Output;
            if (FromNoise is not null) throw new UsageException("--from-noise needs -o/--output");
            if (Input == "-") return "-";
            return OutputPaths.DefaultFor(Input!, Format is { } format ? format.ToString().ToLowerInvariant() : null);
        }
    }

    /// <summary>
    /// Checks the command line's outputs before any work: one start, an output that can be written and is neither
    /// the input (without --in-place) nor the guide, and stdout not asked to carry both the image and the report.
    /// </summary>
    /// <exception cref="UsageException">One of those fails.</exception>
    public void CheckOutputs()
    {
        if (Input is null == FromNoise is null)
            throw new UsageException(Input is null ? "give an input image (or --from-noise WxH)" : "give either an input image or --from-noise, not both");
        string output = OutputPath;
        if (output == "-")
        {
            if (Json)
            {
                throw new UsageException(Output is null
                    ? "an image read from stdin is written to stdout, so the --json report cannot be; give -o FILE, or leave out --json"
                    : "-o -: the image goes to stdout, so the --json report cannot; write the image to a file, or leave out --json");
            }
            return;
        }
        if (InputFile is not null && !InPlace && OutputPaths.IsSameFile(InputFile, output))
            throw new UsageException($"{output}: output is the input file; pass --in-place to overwrite it");
        if (Guide is not null && OutputPaths.IsSameFile(Guide, output))
            throw new UsageException($"{output}: output is the guide image; choose another name");
        OutputChecks.Before(() => Target(Stream.Null).Check());
    }

    /// <summary>Where the dreamed image goes: the output file, or <paramref name="stdout"/> for "-".</summary>
    public ImageTarget Target(Stream stdout)
    {
        var write = new ImageWriteOptions { Quality = Quality, InPlace = InPlace, InputPath = InputFile };
        return OutputPath == "-"
            ? ImageTarget.Stream(stdout, "<stdout>", Format ?? ImageFormat.Png, write)
            : ImageTarget.File(OutputPath, write);
    }

    /// <summary>Decodes the input (file or stdin) or makes the noise start.</summary>
    public RgbImage ReadStart(CliConsole console)
    {
        if (FromNoise is not null)
        {
            var (width, height) = StartImages.ParseSize(FromNoise);
            return StartImages.Noise(width, height, NoiseAmplitude, Settings.Seed);
        }
        return console.ReadImage(Input!, Read);
    }
}
