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

    /// <summary>
    /// The octaves to dream: <see cref="Sizes"/> less the coarse ones smaller than <paramref name="minimum"/> on
    /// either side: the smallest input <paramref name="layers"/> accept (null when unknown: nothing is left out).
    /// </summary>
    public static PyramidPlan Plan(int height, int width, int octaves, double scale, (int Height, int Width)? minimum, IReadOnlyList<string> layers)
    {
        var all = Sizes(height, width, octaves, scale);
        var fitting = minimum is { } least ? all.Where(size => size.Height >= least.Height && size.Width >= least.Width).ToList() : all;
        return new PyramidPlan(fitting, all.Take(all.Count - fitting.Count).ToList(), minimum, layers);
    }
}
