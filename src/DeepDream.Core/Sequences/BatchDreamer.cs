using System.Globalization;
using DeepDream.Batch;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Pipeline;

namespace DeepDream.Sequences;

/// <summary>
/// Dreams every file of a batch through one <see cref="DreamPipeline"/>, with <see cref="BatchRunner"/>: resumable,
/// safe to kill, shardable. The settings key for the manifest is built here from the pipeline and the output format.
/// </summary>
/// <param name="pipeline">Dreams each file.</param>
/// <param name="read">Limits for reading the inputs.</param>
/// <param name="write">How the outputs are encoded (quality).</param>
public sealed class BatchDreamer(DreamPipeline pipeline, ImageReadOptions read, ImageWriteOptions write)
{
    /// <summary>Dreams this shard's part of <paramref name="items"/> into <paramref name="layout"/>.</summary>
    /// <param name="items">Every item of the batch, as from <see cref="BatchInputs.Resolve"/>.</param>
    /// <param name="progress">Told about each item as it starts and ends (synchronously, in order).</param>
    /// <param name="dreamEvents">Told the plan, steps and octaves of each item's dream.</param>
    /// <param name="cancellation">Stops the run after the current gradient step; finished outputs are kept.</param>
    /// <exception cref="DreamSettingsException">
    /// An output would have a format that cannot be written (a .gif or .bmp input with the input's format kept).
    /// </exception>
    /// <exception cref="BatchInputException">Outputs would collide or overwrite inputs.</exception>
    public BatchResult Run(IReadOnlyList<BatchItem> items, OutputLayout layout, Shard shard,
        IProgress<BatchEvent>? progress = null, IProgress<DreamEvent>? dreamEvents = null, CancellationToken cancellation = default) =>
        Run(items, layout, shard, SettingsKeyFor(layout), (item, image) => (image, DreamSource.File(item.SourcePath)), progress, dreamEvents, cancellation);

    /// <summary>
    /// Dreams every item <paramref name="count"/> times, with the seeds <see cref="DreamSettings.Seed"/> to
    /// <see cref="DreamSettings.Seed"/> + <paramref name="count"/> − 1: <c>trip/cat.jpg</c> gives
    /// <c>trip/cat.seed0.jpg</c>, <c>trip/cat.seed1.jpg</c>, … Each variant is an item of the batch of its own, so a
    /// run resumes, shards and reports per variant, and a later run with more variants or another first seed skips
    /// the seeds already done.
    /// </summary>
    /// <param name="count">Variants per input, 1-10000.</param>
    /// <exception cref="DreamSettingsException">A count out of range, seeds past the largest integer, or an output format that cannot be written.</exception>
    /// <exception cref="BatchInputException">Outputs would collide or overwrite inputs.</exception>
    public BatchResult RunVariants(int count, IReadOnlyList<BatchItem> items, OutputLayout layout, Shard shard,
        IProgress<BatchEvent>? progress = null, IProgress<DreamEvent>? dreamEvents = null, CancellationToken cancellation = default)
    {
        if (count is < 1 or > 10_000)
            throw new DreamSettingsException("variants", count.ToString(CultureInfo.InvariantCulture), "must be between 1 and 10000");
        int first = pipeline.Settings.Seed;
        if (first > int.MaxValue - (count - 1))
            throw new DreamSettingsException(nameof(DreamSettings.Seed), first.ToString(CultureInfo.InvariantCulture), $"with {count} variants the seeds would pass {int.MaxValue}");
        var variants = Enumerable.Range(first, count).Select(pipeline.WithSeed).ToList();
        var pipelineOf = new Dictionary<BatchItem, DreamPipeline>();
        var expanded = new List<BatchItem>(items.Count * count);
        foreach (var item in items)
        {
            foreach (var variant in variants)
            {
                var named = new BatchItem(item.SourcePath, VariantPath(item.RelativePath, variant.Settings.Seed));
                pipelineOf[named] = variant;
                expanded.Add(named);
            }
        }
        // The seed is in each item's name, so the key leaves it out: a variant done by an earlier run stays done.
        string settingsKey = SettingsKey.Create(pipeline.NetworkKey, pipeline.Settings with { Seed = 0 }, pipeline.Guide,
            ("format", layout.Extension ?? "keep"), ("quality", write.Quality.ToString(CultureInfo.InvariantCulture)), ("variants", "seed in the name"));
        return Run(expanded, layout, shard, settingsKey, (item, image) => (image, DreamSource.File(item.SourcePath)), progress, dreamEvents,
            cancellation, item => pipelineOf[item]);
    }

    /// <summary><c>trip/cat.seed7.jpg</c> for <c>trip/cat.jpg</c> and seed 7.</summary>
    internal static string VariantPath(string relativePath, int seed)
    {
        int slash = relativePath.LastIndexOf('/');
        string folder = relativePath[..(slash + 1)], name = relativePath[(slash + 1)..];
        return string.Create(CultureInfo.InvariantCulture, $"{folder}{Path.GetFileNameWithoutExtension(name)}.seed{seed}{Path.GetExtension(name)}");
    }

    /// <summary>The canonical settings key: model, settings, guide, output format and quality, plus <paramref name="details"/>.</summary>
    internal string SettingsKeyFor(OutputLayout layout, params IReadOnlyList<(string Name, string Value)> details) =>
        SettingsKey.Create(pipeline.NetworkKey, pipeline.Settings, pipeline.Guide,
            [("format", layout.Extension ?? "keep"), ("quality", write.Quality.ToString(CultureInfo.InvariantCulture)), .. details]);

    /// <param name="startFor">
    /// Turns an item's decoded input into the image the dream starts from, and says what that is for the output's record.
    /// </param>
    /// <param name="pipelineFor">The pipeline that dreams an item; null: this dreamer's.</param>
    internal BatchResult Run(IReadOnlyList<BatchItem> items, OutputLayout layout, Shard shard, string settingsKey,
        Func<BatchItem, RgbImage, (RgbImage Start, DreamSource Source)> startFor, IProgress<BatchEvent>? progress, IProgress<DreamEvent>? dreamEvents,
        CancellationToken cancellation, Func<BatchItem, DreamPipeline>? pipelineFor = null)
    {
        CheckFormats(items, layout);
        var runner = new BatchRunner(layout, shard, settingsKey, (item, temporaryPath, token) =>
        {
            var (start, source) = startFor(item, ImageFile.Read(item.SourcePath, read));
            pipeline.CheckFits(start, item.SourcePath);
            // The temporary name ends in .tmp, so the format comes from the final name.
            ImageFile.TryGetFormat(layout.OutputPath(item), out var format);
            using var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write);
            (pipelineFor?.Invoke(item) ?? pipeline).Dream(start, source, ImageTarget.Stream(stream, item.RelativePath, format, write), dreamEvents, token);
        });
        return runner.Run(items, progress, cancellation);
    }

    /// <summary>Refuses up front, before any work, an output format that cannot be written.</summary>
    private static void CheckFormats(IReadOnlyList<BatchItem> items, OutputLayout layout)
    {
        var unwritable = items.FirstOrDefault(item => !ImageFile.TryGetFormat(layout.OutputPath(item), out _));
        if (unwritable is null) return;
        throw layout.Extension is null
            ? new DreamSettingsException(nameof(OutputLayout.Extension), null,
                $"{unwritable.RelativePath} cannot be written as {Path.GetExtension(unwritable.RelativePath)} (outputs keep their input's format); choose png, jpeg or webp")
            : new DreamSettingsException(nameof(OutputLayout.Extension), layout.Extension,
                "not an output format (use .jpg, .png or .webp)");
    }
}
