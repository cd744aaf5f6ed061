namespace DeepDream.Sequences;

/// <summary>Where a zoom frame is in its making.</summary>
public enum ZoomFrameStage
{
    /// <summary>Warping and dreaming began.</summary>
    Started,

    /// <summary>The frame file is complete on disk.</summary>
    Written,
}
