namespace DeepDream.Sequences;

/// <summary>What a warp shows where it looks past the image's edge (zooming out, or the corners of a rotation).</summary>
public enum WarpPadding
{
    /// <summary>The image mirrored at its edge: no seam, and the dream soon paints over it.</summary>
    Reflection,

    /// <summary>The edge pixels stretched outwards.</summary>
    Border,
}
