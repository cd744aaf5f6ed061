using System.Globalization;
using DeepDream.Batch;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Pipeline;
using DeepDream.Video;

namespace DeepDream.Sequences;

/// <summary>
/// Dreams the frames of a video in name order with temporal coherence (<see cref="FrameOptions"/>): each frame's
/// dream starts from a blend with the previous dreamed frame (<see cref="FrameBlend"/>), or from itself plus the
/// previous frame's dream detail carried along the optical flow (<see cref="FlowCoherence"/>). Frame i dreams with
/// seed <c>Seed + i</c> and, with a layer cycle, its entry i mod n. Runs through <see cref="BatchRunner"/>, so it
/// resumes and survives kills like a batch.
/// </summary>
/// <remarks>
/// The previous dreamed frame is always read back from its output file, never kept from memory, and a frame's seed
/// and layers follow from its place in the sequence alone, so a resumed run makes each frame exactly as an
/// uninterrupted run would have. Coherence applies only when the previous frame was finished or already done in this
/// run; after a failed frame, a scene cut or a change of frame size the next starts afresh. A frame that was done by
/// an earlier run with the same settings is not redone when an earlier frame is.
/// </remarks>
public sealed class FrameSequence
{
    private readonly BatchDreamer _batch;
    private readonly DreamPipeline _pipeline;
    private readonly IReadOnlyList<DreamPipeline> _cycle;
    private readonly ImageReadOptions _read;
    private readonly FrameOptions _options;

    private string Blend => _options.Blend.ToString(CultureInfo.InvariantCulture);

    /// <param name="pipeline">Dreams each frame.</param>
    /// <param name="read">Limits for reading the frames.</param>
    /// <param name="write">How the outputs are encoded.</param>
    /// <param name="options">Coherence between frames and the layer cycle.</param>
    /// <exception cref="UnknownLayerException">A layer of the cycle that the network does not have.</exception>
    /// <exception cref="DreamSettingsException">A channel of the cycle out of range, or a cycle weighted 0 throughout.</exception>
    /// <exception cref="FlowUnavailableException">Flow is asked for and OpenCV cannot be loaded here.</exception>
    public FrameSequence(DreamPipeline pipeline, ImageReadOptions read, ImageWriteOptions write, FrameOptions options)
    {
        if (options.NeedsFlow) FlowCoherence.CheckAvailable();
        _batch = new BatchDreamer(pipeline, read, write);
        _pipeline = pipeline;
        // Each entry is checked against the network now, before the first frame.
        _cycle = options.LayerCycle.Select(layer =>
            new DreamPipeline(pipeline.Network, pipeline.Settings with { Layers = [layer], Classes = [] }, pipeline.Guide)
            {
                ModelSource = pipeline.ModelSource,
                GuideSource = pipeline.GuideSource,
            }).ToList();
        _read = read;
        _options = options;
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

        DreamPipeline PipelineFor(BatchItem frame)
        {
            int position = positions[frame];
            var pipeline = _cycle.Count > 0 ? _cycle[position % _cycle.Count] : _pipeline;
            return pipeline.WithSeed(unchecked(_pipeline.Settings.Seed + position));
        }

        (RgbImage, DreamSource) StartFor(BatchItem frame, RgbImage image)
        {
            int position = positions[frame];
            var plain = (image, DreamSource.File(frame.SourcePath));
            if (_options.Blend == 0 || position == 0 || !finished.Contains(ordered[position - 1])) return plain;
            var previous = ordered[position - 1];
            var previousDreamed = ImageFile.Read(layout.OutputPath(previous), _read);
            var plan = _pipeline.Plan(image.Height, image.Width);
            var start = _options.Flow
                ? FlowCoherence.Start(image, ImageFile.Read(previous.SourcePath, _read), previousDreamed, _options.Blend, (plan.Height, plan.Width))
                : FrameBlend.Blend(previousDreamed, image, _options.Blend, (plan.Height, plan.Width));
            string how = _options.Flow
                ? $"with {Blend} of the previous frame's dream detail carried along the optical flow"
                : $"blended {Blend} with the previous dreamed frame";
            return start is null ? plain : (start, DreamSource.Image($"{Path.GetFullPath(frame.SourcePath)} {how}"));
        }

        string settingsKey = _batch.SettingsKeyFor(layout,
            ("blend", _options.Blend.ToString("R", CultureInfo.InvariantCulture)),
            ("flow", _options.Flow ? "farneback" : "none"),
            ("layerCycle", string.Join(" ", _options.LayerCycle)),
            ("seeds", "per-frame"));
        return _batch.Run(ordered, layout, Shard.All, settingsKey, StartFor, finished, dreamEvents, cancellation, PipelineFor);
    }
}
