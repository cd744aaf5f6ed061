using DeepDream.Imaging;

namespace DeepDream.Pipeline;

/// <summary>
/// Keeps the image after each octave of the dream it listens to (pass it with the dream's events), for
/// <c>--save-octaves</c> and progression GIFs. A new dream (<see cref="DreamPlanned"/>) starts a new list.
/// </summary>
public sealed class OctaveImages : IProgress<DreamEvent>
{
    private readonly List<RgbImage> _images = [];

    /// <summary>The octaves' images so far, coarsest first, each at its octave's size.</summary>
    public IReadOnlyList<RgbImage> Images => _images;

    public void Report(DreamEvent value)
    {
        if (value is DreamPlanned) _images.Clear();
        if (value is OctaveDone { Image: { } image }) _images.Add(image.ToImage());
    }

    /// <summary>
    /// Writes each octave's image into <paramref name="folder"/> (created if needed) as <c>octave1.png</c>,
    /// <c>octave2.png</c>, … , each atomically, with <paramref name="record"/> in its metadata marked with its octave.
    /// </summary>
    /// <returns>The paths written, coarsest first.</returns>
    /// <exception cref="DreamOutputException">The folder cannot be made, or a file cannot be written.</exception>
    public IReadOnlyList<string> Save(string folder, DreamRecord? record = null)
    {
        OutputPaths.CheckOutputFolder(folder);
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        for (int i = 0; i < _images.Count; i++)
        {
            string path = Path.Combine(folder, $"octave{i + 1}.png");
            var recipe = record is null ? null : (record with { Octave = i + 1, Output = new RecordedOutput(ImageFormat.Png, ImageWriteOptions.DefaultQuality) }).ToJson();
            ImageFile.Write(_images[i], path, new ImageWriteOptions { Recipe = recipe });
            paths.Add(path);
        }
        return paths;
    }
}
