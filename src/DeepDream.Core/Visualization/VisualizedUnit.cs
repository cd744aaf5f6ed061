using DeepDream.Dreaming;

namespace DeepDream.Visualization;

/// <summary>
/// A unit of a layer and the images dreamed for it, in start order. Images dreamed together share one report: their
/// objective is the batch's (diversity term included).
/// </summary>
public sealed record VisualizedUnit(LayerObjective Unit, IReadOnlyList<DreamedImage> Images);
