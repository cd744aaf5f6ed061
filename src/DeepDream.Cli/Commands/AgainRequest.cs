using System.CommandLine;
using DeepDream.Imaging;
using DeepDream.Pipeline;
using DeepDream.Runtime;

namespace DeepDream.Cli.Commands;

/// <summary>
/// <c>dream out.png --again</c>: the single dream that <c>out.png</c> records, as a request and common settings. The
/// recorded start, guide, settings, model, device, thread count and encoding are taken, each overridden by an
/// option given on the command line.
/// </summary>
internal sealed record AgainRequest(SingleDreamRequest Request, CommonSettings Common)
{
    /// <exception cref="UsageException">No image, stdin, or --from-noise / --guide given with --again.</exception>
    /// <exception cref="DreamInputException">The image records no dream, a sheet, or a start that cannot be made again.</exception>
    public static AgainRequest Create(ParseResult parse, string? image, Option fromNoise, CommonOptions commonOptions, DreamOptions dream)
    {
        if (image is null or "-") throw new UsageException("--again: give an image written by dream (it reads the recipe from the file)");
        if (parse.GetResult(dream.Guide) is { Implicit: false }) throw new UsageException("--again: the guide is the recorded one; leave out --guide");
        if (parse.GetResult(fromNoise) is { Implicit: false }) throw new UsageException("--again: the start is the recorded one; leave out --from-noise");
        string recipe = ImageRecipe.Read(image)
            ?? throw new DreamInputException($"{image}: records no settings (it was not written by dream, or its metadata was removed)");
        var record = DreamRecord.Parse(recipe, image);
        if (record.Model is null) throw new DreamInputException($"{image}: records a contact sheet; make it again with `dream sheet` and the settings `dream info` shows");
        if (record.Octave is not null)
            throw new DreamInputException($"{image}: is the image after octave {record.Octave} of a dream; repeat the dream's result with --again --save-octaves");
        if (!record.Start.CanBeMadeAgain) throw new DreamInputException($"{image}: was dreamed from {record.Start}, which cannot be read again");
        if (record.Guide is { Kind: not DreamSourceKind.File })
            throw new DreamInputException($"{image}: its guide was {record.Guide}, which cannot be read again");

        bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
        var given = commonOptions.Read(parse);
        var common = given with
        {
            Model = Given(commonOptions.Model) ? given.Model : record.Model.Source,
            Threads = Given(commonOptions.Threads) ? given.Threads : record.Threads,
            Precision = Given(commonOptions.Precision) ? given.Precision : record.Precision ?? NumericPrecision.Float32,
            Device = Given(commonOptions.Device) ? given.Device
                : Enum.TryParse<DeviceChoice>(record.Device, ignoreCase: true, out var device) ? device
                : throw new DreamInputException($"{image}: records an unknown device '{record.Device}'"),
        };
        var request = new SingleDreamRequest(
            Input: image, FromNoise: null, NoiseAmplitude: 0, Guide: record.Guide?.Path, Output: null,
            Format: record.Output?.Format, Read: ImageReadOptions.Default,
            Quality: record.Output?.Quality ?? ImageWriteOptions.DefaultQuality, InPlace: false, Json: common.Json,
            Settings: dream.ToSettings(parse, record.Settings), Again: record);
        return new AgainRequest(request, common);
    }
}
