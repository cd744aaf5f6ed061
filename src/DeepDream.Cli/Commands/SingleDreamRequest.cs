using DeepDream.Dreaming;
using DeepDream.Imaging;

namespace DeepDream.Cli.Commands;

/// <summary>What <c>dream input</c> was asked to do, after parsing.</summary>
public sealed record SingleDreamRequest(
    string Input, string? Output, ImageFormat? Format, ImageReadOptions Read, int Quality, bool InPlace, DreamSettings Settings)
{
    /// <summary>The output path: -o as given, else <c>input.dream.ext</c> next to the input (stdout for stdin input).</summary>
    public string ResolveOutputPath()
    {
        if (Output is not null)
        {
            if (Output != "-" && Input != "-" && !InPlace && OutputPaths.IsSameFile(Input, Output))
                throw new UsageException($"{Output}: output is the input file; pass --in-place to overwrite it");
            return Output;
        }
        if (Input == "-") return "-";
        return OutputPaths.DefaultFor(Input, Format is { } format ? format.ToString().ToLowerInvariant() : null);
    }
}
