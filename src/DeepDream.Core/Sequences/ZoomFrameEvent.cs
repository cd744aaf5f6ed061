namespace DeepDream.Sequences;

/// <summary>Progress of a zoom sequence, for display.</summary>
/// <param name="Stage">What happened.</param>
/// <param name="Index">The frame's number, from 0.</param>
/// <param name="Count">How many frames the sequence has.</param>
/// <param name="Path">The frame's file.</param>
/// <param name="Seconds">Time the frame took; 0 for <see cref="ZoomFrameStage.Started"/>.</param>
public sealed record ZoomFrameEvent(ZoomFrameStage Stage, int Index, int Count, string Path, double Seconds);
