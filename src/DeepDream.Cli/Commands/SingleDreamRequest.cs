using DeepDream.Dreaming;
using DeepDream.Imaging;

namespace DeepDream.Cli.Commands;

/// <summary>What <c>dream [input]</c> was asked to do, after parsing.</summary>
public sealed record SingleDreamRequest(
    string? Input, string? FromNoise, int NoiseAmplitude, string? Guide, IReadOnlyList<string> Classes,
    string? Output, ImageFormat? Format, ImageReadOptions Read, int Quality, bool InPlace, DreamSettings Settings)
{
    /// <summary>The input file, when the start is a file (not stdin, not noise).</summary>
    public string? InputFile => Input is null or "-" ? null : Input;

    /// <summary>How the start is named in progress lines and reports.</summary>
    public string Label => FromNoise is not null ? $"noise {FromNoise}" : Input == "-" ? "<stdin>" : Path.GetFileName(Input!);

    /// <summary>The output path: -o as given, else <c>input.dream.ext</c> next to the input (stdout for stdin input).</summary>
    public string ResolveOutputPath()
    {
        if (Input is null == FromNoise is null)
            throw new UsageException(Input is null ? "give an input image (or --from-noise WxH)" : "give either an input image or --from-noise, not both");
        if (Output is not null)
        {
            if (Output == "-") return Output;
            // Checked before the dream, not after minutes of work.
            if (!ImageFile.TryGetFormat(Output, out _))
                throw new UsageException($"{Output}: unsupported output format; use .jpg, .jpeg, .png or .webp");
            var folder = Path.GetDirectoryName(Path.GetFullPath(Output));
            if (folder is not null && !Directory.Exists(folder))
                throw new UsageException($"{Output}: folder {folder} does not exist");
            if (InputFile is not null && !InPlace && OutputPaths.IsSameFile(InputFile, Output))
                throw new UsageException($"{Output}: output is the input file; pass --in-place to overwrite it");
            if (Guide is not null && OutputPaths.IsSameFile(Guide, Output))
                throw new UsageException($"{Output}: output is the guide image; choose another name");
            return Output;
        }
        if (FromNoise is not null) throw new UsageException("--from-noise needs -o/--output");
        if (Input == "-") return "-";
        return OutputPaths.DefaultFor(Input!, Format is { } format ? format.ToString().ToLowerInvariant() : null);
    }

    /// <summary>Decodes the input (file or stdin) or makes the noise start.</summary>
    public RgbImage ReadStart(CliConsole console, CancellationToken cancellation)
    {
        if (FromNoise is not null)
        {
            var (width, height) = StartImages.ParseSize(FromNoise);
            return StartImages.Noise(width, height, NoiseAmplitude, Settings.Seed);
        }
        return console.ReadImage(Input!, Read, cancellation);
    }
}
