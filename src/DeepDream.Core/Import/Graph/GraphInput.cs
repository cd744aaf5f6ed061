namespace DeepDream.Import.Graph;

/// <summary>The graph's image input: name and declared shape (-1 where dynamic).</summary>
public sealed record GraphInput(string Name, IReadOnlyList<long> Shape)
{
    /// <summary>An NHWC image input (TensorFlow exports): declared as …×3 with a channel count elsewhere than axis 1.</summary>
    public bool IsChannelsLast => Shape.Count == 4 && Shape[3] == 3 && Shape[1] != 3;

    /// <summary>The declared spatial size (NCHW or NHWC), when both sides are fixed; null otherwise.</summary>
    public (int Height, int Width)? DeclaredSize
    {
        get
        {
            if (Shape.Count != 4) return null;
            var (height, width) = IsChannelsLast ? (Shape[1], Shape[2]) : (Shape[2], Shape[3]);
            return height is > 0 and <= int.MaxValue && width is > 0 and <= int.MaxValue ? ((int)height, (int)width) : null;
        }
    }
}
