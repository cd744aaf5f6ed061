using System.Globalization;
using DeepDream.Batch;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Models;

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
public sealed class FrameSequence(IDreamNetwork network, DreamJob job, double blend)
{
    private readonly BatchDreamer _batch = new(network, job);

    /// <summary>Dreams <paramref name="frames"/>, ordered by <see cref="NaturalOrder"/> of their relative paths.</summary>
    /// <param name="progress">Told about each frame as it starts and ends (synchronously, in order).</param>
    /// <param name="steps">Gives the step progress sink for each dream; null for none.</param>
    /// <param name="cancellation">Stops after the current gradient step; finished frames are kept.</param>
    /// <exception cref="DreamSettingsException">The blend is outside 0-1.</exception>
    public BatchResult Run(IReadOnlyList<BatchItem> frames, OutputLayout layout, IProgress<BatchEvent>? progress = null,
        DreamProgressFactory? steps = null, CancellationToken cancellation = default)
    {
        if (!(blend >= 0 && blend <= 1))
            throw new DreamSettingsException($"--blend {blend.ToString(CultureInfo.InvariantCulture)}: must be between 0 and 1");

        var ordered = frames.OrderBy(frame => frame.RelativePath, NaturalOrder.Instance).ToList();
        var positions = ordered.Select((frame, index) => (frame, index)).ToDictionary(pair => pair.frame, pair => pair.index);
        var finished = new FinishedItems(progress);

        RgbImage StartFor(BatchItem frame, RgbImage image)
        {
            int position = positions[frame];
            if (blend == 0 || position == 0 || !finished.Contains(ordered[position - 1])) return image;
            var previous = ImageFile.Read(layout.OutputPath(ordered[position - 1]), job.Read);
            return FrameBlend.Blend(previous, image, blend, job.Settings.MaxSide) ?? image;
        }

        string settingsKey = _batch.SettingsKeyFor(layout, ("blend", blend.ToString("R", CultureInfo.InvariantCulture)));
        return _batch.Run(ordered, layout, Shard.All, settingsKey, StartFor, finished, steps, cancellation);
    }
}
