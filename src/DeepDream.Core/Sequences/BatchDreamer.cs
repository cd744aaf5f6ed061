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
        Run(items, layout, shard, SettingsKeyFor(layout), (_, image) => image, _ => pipeline, progress, dreamEvents, cancellation);

    /// <summary>The canonical settings key: model, settings, guide, output format and quality, plus <paramref name="details"/>.</summary>
    internal string SettingsKeyFor(OutputLayout layout, params IReadOnlyList<(string Name, string Value)> details) =>
        SettingsKey.Create(pipeline.Network.Identity, pipeline.Settings, pipeline.Guide,
            [("format", layout.Extension ?? "keep"), ("quality", write.Quality.ToString(CultureInfo.InvariantCulture)), .. details]);

    /// <param name="startFor">Turns an item's decoded input into the image the dream starts from.</param>
    /// <param name="pipelineFor">The pipeline that dreams an item (a video frame's own seed and layers).</param>
    internal BatchResult Run(IReadOnlyList<BatchItem> items, OutputLayout layout, Shard shard, string settingsKey,
        Func<BatchItem, RgbImage, RgbImage> startFor, Func<BatchItem, DreamPipeline> pipelineFor,
        IProgress<BatchEvent>? progress, IProgress<DreamEvent>? dreamEvents, CancellationToken cancellation)
    {
        CheckFormats(items, layout);
        var runner = new BatchRunner(layout, shard, settingsKey, (item, temporaryPath, token) =>
        {
            var start = startFor(item, ImageFile.Read(item.SourcePath, read));
            // The temporary name ends in .tmp, so the format comes from the final name.
            ImageFile.TryGetFormat(layout.OutputPath(item), out var format);
            using var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write);
            pipelineFor(item).Dream(start, ImageTarget.Stream(stream, item.RelativePath, format, write), dreamEvents, token);
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
