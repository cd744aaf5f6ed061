using DeepDream.Dreaming;

namespace DeepDream.Visualization;

/// <summary>A unit of a layer and the images dreamed for it, in start order.</summary>
public sealed record VisualizedUnit(LayerObjective Unit, IReadOnlyList<DreamedImage> Images);
