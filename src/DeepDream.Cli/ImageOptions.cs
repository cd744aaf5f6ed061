using System.CommandLine;
using DeepDream.Imaging;

namespace DeepDream.Cli;

/// <summary>The image I/O options every command shares, checked when parsed so a bad value fails before any work.</summary>
public static class ImageOptions
{
    public static Option<int> Quality() => WithCheck(
        new Option<int>("--quality") { Description = "JPEG/WebP quality 1-100", DefaultValueFactory = _ => ImageWriteOptions.DefaultQuality },
        value => value is >= 1 and <= 100, "--quality: must be between 1 and 100");

    public static Option<long> MaxPixels(string description = "Refuse inputs with more pixels than this") => WithCheck(
        new Option<long>("--max-pixels") { Description = description, DefaultValueFactory = _ => ImageReadOptions.DefaultMaxPixels },
        value => value >= 1, "--max-pixels: must be at least 1");

    /// <summary>
    /// How inputs are read: the pixel limit, and (unless --quiet) a note on stderr when only an animated image's first
    /// frame is used.
    /// </summary>
    public static ImageReadOptions ReadOptions(long maxPixels, CliConsole console, CommonSettings common) => new()
    {
        MaxPixels = maxPixels,
        Notice = common.Quiet ? null : notice => console.Error.WriteLine($"dream: note: {notice}"),
    };

    private static Option<T> WithCheck<T>(Option<T> option, Func<T, bool> valid, string error)
    {
        option.Validators.Add(result =>
        {
            if (!valid(result.GetValueOrDefault<T>())) result.AddError(error);
        });
        return option;
    }
}
