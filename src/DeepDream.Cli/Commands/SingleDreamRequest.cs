using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Pipeline;

namespace DeepDream.Cli.Commands;

/// <summary>
/// What <c>dream [input]</c> was asked to do, after parsing. With <see cref="Again"/>, <see cref="Input"/> is an
/// earlier output and the dream starts from what it records.
/// </summary>
public sealed record SingleDreamRequest(
    string? Input, string? FromNoise, int NoiseAmplitude, string? Guide, string? Output, ImageFormat? Format,
    ImageReadOptions Read, int Quality, bool InPlace, bool Json, DreamSettings Settings, DreamRecord? Again = null,
    string? SaveOctaves = null, string? Gif = null)
{
    /// <summary>Whether the images after each octave are wanted (<see cref="SaveOctaves"/> or <see cref="Gif"/>).</summary>
    public bool KeepsOctaves => SaveOctaves is not null || Gif is not null;

    /// <summary>The input file, when the start is a file (not stdin, not noise).</summary>
    public string? InputFile => Input is null or "-" ? null : Input;

    /// <summary>How the start is named in progress lines and reports.</summary>
    public string Label => Again is not null ? $"{Path.GetFileName(Input)} again" : FromNoise is not null ? $"noise {FromNoise}" : Input == "-" ? "<stdin>" : Path.GetFileName(Input!);

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
        if (SaveOctaves is not null) OutputChecks.Before(() => OutputPaths.CheckOutputFolder(SaveOctaves));
        if (Gif is not null) OutputChecks.Before(() => ProgressionGif.CheckWritable(Gif));
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

    /// <summary>What the dream starts from, as its output records it.</summary>
    public DreamSource Source
    {
        get
        {
            if (Again is not null) return Again.Start with { Pixels = null };
            if (FromNoise is null) return InputFile is null ? DreamSource.Stream("<stdin>") : DreamSource.File(InputFile);
            var (width, height) = StartImages.ParseSize(FromNoise);
            return DreamSource.Noise(width, height, NoiseAmplitude);
        }
    }

    /// <summary>Decodes the guide image (checked against its recorded pixels when repeating); null without one.</summary>
    public RgbImage? ReadGuide() =>
        Again?.Guide is { } recorded ? recorded.Make(Settings.Seed, Read) : Guide is null ? null : ImageFile.Read(Guide, Read);

    /// <summary>Decodes the input (file or stdin), makes the noise start, or makes the recorded start again.</summary>
    public RgbImage ReadStart(CliConsole console, CancellationToken cancellation)
    {
        if (Again is not null) return Again.Start.Make(Settings.Seed, Read);
        if (FromNoise is not null)
        {
            var (width, height) = StartImages.ParseSize(FromNoise);
            return StartImages.Noise(width, height, NoiseAmplitude, Settings.Seed);
        }
        return console.ReadImage(Input!, Read, cancellation);
    }
}
