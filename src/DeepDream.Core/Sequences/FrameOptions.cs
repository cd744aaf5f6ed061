using System.Globalization;
using DeepDream.Dreaming;

namespace DeepDream.Sequences;

/// <summary>How a sequence of video frames is dreamed from one frame to the next; each value is checked as it is set.</summary>
public sealed record FrameOptions
{
    /// <summary>
    /// How much of the previous frame's dream each frame starts from, 0-1 (0: every frame dreamed on its own). Without
    /// <see cref="Flow"/>: <c>blend × previous dreamed frame + (1 − blend) × frame</c>; with it: <c>frame + blend ×
    /// the previous frame's dream detail moved along the motion</c>.
    /// </summary>
    public double Blend
    {
        get;
        init => field = value is >= 0 and <= 1
            ? value
            : throw new DreamSettingsException(nameof(Blend), value.ToString(CultureInfo.InvariantCulture), "must be between 0 and 1");
    } = 0.5;

    /// <summary>
    /// Carry the dream along the optical flow between source frames (<see cref="Video.FlowCoherence"/>) instead of
    /// blending in place, so the patterns move with the scene; a scene cut starts the dream afresh.
    /// </summary>
    public bool Flow { get; init; }

    /// <summary>Whether the frames need optical flow: <see cref="Flow"/> with something to carry (<see cref="Blend"/> above 0).</summary>
    public bool NeedsFlow => Flow && Blend > 0;

    /// <summary>
    /// Objectives the frames dream in turn, one per frame (frame i uses entry i mod n, as DeepDreamVideo cycles
    /// layers); empty for the pipeline's own objective on every frame.
    /// </summary>
    public IReadOnlyList<LayerObjective> LayerCycle { get; init; } = [];
}
