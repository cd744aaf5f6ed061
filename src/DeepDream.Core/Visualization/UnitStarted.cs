using DeepDream.Dreaming;
using DeepDream.Pipeline;

namespace DeepDream.Visualization;

/// <summary>The <paramref name="Index"/>-th (from 1) of <paramref name="Count"/> units is about to be dreamed.</summary>
public sealed record UnitStarted(int Index, int Count, LayerObjective Unit) : DreamEvent;
