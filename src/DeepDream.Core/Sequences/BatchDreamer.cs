using System.Globalization;
using DeepDream.Batch;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Models;

namespace DeepDream.Sequences;

/// <summary>
/// Dreams every file of a batch with one loaded network, through <see cref="BatchRunner"/>: resumable, safe to
/// kill, shardable. The settings key for the manifest is built here from the network, the job and the output format.
/// </summary>
public sealed class BatchDreamer(IDreamNetwork network, DreamJob job)
{
    private readonly ImageDreamer _dreamer = new(network);

    /// <summary>Dreams this shard's part of <paramref name="items"/> into <paramref name="layout"/>.</summary>
    /// <param name="items">Every item of the batch, as from <see cref="BatchInputs.Resolve"/>.</param>
    /// <param name="progress">Told about each item as it starts and ends (synchronously, in order).</param>
    /// <param name="steps">Gives the step progress sink for each dream; null for none.</param>
    /// <param name="cancellation">Stops the run after the current gradient step; finished outputs are kept.</param>
    /// <exception cref="BatchOptionException">
    /// An output would have a format that cannot be written (a .gif or .bmp input with the input's format kept).
    /// </exception>
    /// <exception cref="BatchInputException">Outputs would collide or overwrite inputs.</exception>
    public BatchResult Run(IReadOnlyList<BatchItem> items, OutputLayout layout, Shard shard,
        IProgress<BatchEvent>? progress = null, DreamProgressFactory? steps = null, CancellationToken cancellation = default) =>
        Run(items, layout, shard, SettingsKeyFor(layout), (_, image) => image, progress, steps, cancellation);

    /// <summary>The canonical settings key: model, settings, guide, output format and quality, plus <paramref name="details"/>.</summary>
    internal string SettingsKeyFor(OutputLayout layout, params IReadOnlyList<(string Name, string Value)> details) =>
        SettingsKey.Create(network.Identity, job.Settings, job.Guide,
            [("format", layout.Extension ?? "keep"), ("quality", job.Quality.ToString(CultureInfo.InvariantCulture)), .. details]);

    /// <param name="startFor">Turns an item's decoded input into the image the dream starts from.</param>
    internal BatchResult Run(IReadOnlyList<BatchItem> items, OutputLayout layout, Shard shard, string settingsKey,
        Func<BatchItem, RgbImage, RgbImage> startFor, IProgress<BatchEvent>? progress, DreamProgressFactory? steps,
        CancellationToken cancellation)
    {
        CheckFormats(items, layout);
        var runner = new BatchRunner(layout, shard, settingsKey, (item, temporaryPath, token) =>
        {
            var start = startFor(item, ImageFile.Read(item.SourcePath, job.Read));
            var (height, width) = ImageDreamer.FitWithin(start.Height, start.Width, job.Settings.MaxSide);
            DreamedImage dreamed;
            try
            {
                dreamed = _dreamer.Dream(start, job.Settings, steps?.Invoke(height, width), token, job.Guide);
            }
            catch (ImageTooSmallException error)
            {
                throw error.For(item.SourcePath);
            }
            // The temporary name ends in .tmp, so the format comes from the final name.
            ImageFile.TryGetFormat(layout.OutputPath(item), out var format);
            using var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write);
            ImageFile.Write(dreamed.Image, stream, item.RelativePath, format, new ImageWriteOptions { Quality = job.Quality });
        });
        return runner.Run(items, progress, cancellation);
    }

    /// <summary>Refuses up front, before any work, an output format that cannot be written.</summary>
    private static void CheckFormats(IReadOnlyList<BatchItem> items, OutputLayout layout)
    {
        var unwritable = items.FirstOrDefault(item => !ImageFile.TryGetFormat(layout.OutputPath(item), out _));
        if (unwritable is null) return;
        throw new BatchOptionException(layout.Extension is null
            ? $"--format keep: {unwritable.RelativePath} cannot be written as {Path.GetExtension(unwritable.RelativePath)}; pass --format png, jpeg or webp"
            : $"--format {layout.Extension.TrimStart('.')}: not an output format (use jpeg, png or webp)");
    }
}
