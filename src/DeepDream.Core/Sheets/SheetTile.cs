using DeepDream.Imaging;

namespace DeepDream.Sheets;

/// <summary>One picture on a contact sheet and the lines written under it.</summary>
/// <param name="Image">The picture, any size; it is scaled to the sheet's tile width (alpha is ignored).</param>
/// <param name="Label">
/// Lines under the picture, first line brighter (e.g. "inceptionv3 · mixed4", then "objective ×3.1"). A line wider
/// than the tile is shortened with an ellipsis. Empty for no label.
/// </param>
public sealed record SheetTile(RgbImage Image, IReadOnlyList<string> Label);
