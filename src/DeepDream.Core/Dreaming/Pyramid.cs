namespace DeepDream.Dreaming;

/// <summary>The octave sizes of the image pyramid.</summary>
public static class Pyramid
{
    /// <summary>Sizes from coarsest to finest; the finest is the image's own size.</summary>
    public static IReadOnlyList<(int Height, int Width)> Sizes(int height, int width, int octaves, double scale)
    {
        var sizes = new List<(int, int)>();
        for (int i = octaves - 1; i >= 0; i--)
        {
            double factor = Math.Pow(scale, i);
            sizes.Add((Math.Max(1, (int)Math.Round(height / factor)), Math.Max(1, (int)Math.Round(width / factor))));
        }
        return sizes;
    }
}
