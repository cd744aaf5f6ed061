using System.Globalization;
using DeepDream.Batch;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Pipeline;

namespace DeepDream.Sequences;

/// <summary>
/// Dreams the frames of a video in name order with temporal coherence: each frame's dream starts from
/// <c>blend × the previous dreamed frame + (1 − blend) × the frame</c> (see <see cref="FrameBlend"/>).
/// Runs through <see cref="BatchRunner"/>, so it resumes and survives kills like a batch.
/// </summary>
/// <remarks>
/// The previous dreamed frame is always read back from its output file, never kept from memory, so a resumed run
/// starts each frame from exactly what an uninterrupted run would have. Blending happens only when the previous
/// frame was finished or already done in this run; after a failed frame the next starts afresh. A frame that was
/// done by an earlier run with the same settings is not redone when an earlier frame is.
/// </remarks>
public sealed class FrameSequence
{
    private readonly BatchDreamer _batch;
    private readonly DreamPipeline _pipeline;
    private readonly ImageReadOptions _read;
    private readonly double _blend;

    /// <param name="pipeline">Dreams each frame.</param>
    /// <param name="read">Limits for reading the frames.</param>
    /// <param name="write">How the outputs are encoded.</param>
    /// <param name="blend">How much of the previous dreamed frame each frame starts from, 0-1 (0: none).</param>
    /// <exception cref="DreamSettingsException">The blend is outside 0-1.</exception>
    public FrameSequence(DreamPipeline pipeline, ImageReadOptions read, ImageWriteOptions write, double blend)
    {
        _blend = FrameBlend.Check(blend);
        _batch = new BatchDreamer(pipeline, read, write);
        _pipeline = pipeline;
        _read = read;
    }

    /// <summary>Dreams <paramref name="frames"/>, ordered by <see cref="NaturalOrder"/> of their relative paths.</summary>
    /// <param name="progress">Told about each frame as it starts and ends (synchronously, in order).</param>
    /// <param name="dreamEvents">Told the plan, steps and octaves of each frame's dream.</param>
    /// <param name="cancellation">Stops after the current gradient step; finished frames are kept.</param>
    public BatchResult Run(IReadOnlyList<BatchItem> frames, OutputLayout layout, IProgress<BatchEvent>? progress = null,
        IProgress<DreamEvent>? dreamEvents = null, CancellationToken cancellation = default)
    {
        var ordered = frames.OrderBy(frame => frame.RelativePath, NaturalOrder.Instance).ToList();
        var positions = ordered.Select((frame, index) => (frame, index)).ToDictionary(pair => pair.frame, pair => pair.index);
        var finished = new FinishedItems(progress);

        RgbImage StartFor(BatchItem frame, RgbImage image)
        {
            int position = positions[frame];
            if (_blend == 0 || position == 0 || !finished.Contains(ordered[position - 1])) return image;
            var previous = ImageFile.Read(layout.OutputPath(ordered[position - 1]), _read);
            var plan = _pipeline.Plan(image.Height, image.Width);
            return FrameBlend.Blend(previous, image, _blend, (plan.Height, plan.Width)) ?? image;
        }

        string settingsKey = _batch.SettingsKeyFor(layout, ("blend", _blend.ToString("R", CultureInfo.InvariantCulture)));
        return _batch.Run(ordered, layout, Shard.All, settingsKey, StartFor, finished, dreamEvents, cancellation);
    }
}
