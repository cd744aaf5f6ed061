using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Sequences;

namespace DeepDream.Pipeline;

/// <summary>
/// Where a dream's start image (or its guide) came from, recorded in its output so the dream can be repeated:
/// a file or noise can be made again, a stream or an image made in memory cannot.
/// </summary>
public sealed record DreamSource
{
    public required DreamSourceKind Kind { get; init; }

    /// <summary>The file's full path (<see cref="DreamSourceKind.File"/>).</summary>
    public string? Path { get; init; }

    /// <summary>The stream's name, e.g. "&lt;stdin&gt;", or what the in-memory image was.</summary>
    public string? Name { get; init; }

    /// <summary>Width in pixels of the noise (<see cref="DreamSourceKind.Noise"/>).</summary>
    public int? Width { get; init; }

    /// <summary>Height in pixels of the noise.</summary>
    public int? Height { get; init; }

    /// <summary>Noise amplitude, 0-127.</summary>
    public int? Amplitude { get; init; }

    /// <summary>
    /// SHA-256 (lower-case hex) of the decoded pixels (<see cref="SettingsKey.Digest"/>), filled in when a record is
    /// made, so a repeat can tell whether a file still holds the same picture.
    /// </summary>
    public string? Pixels { get; init; }

    /// <summary>Whether <see cref="Make"/> can make the image again.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool CanBeMadeAgain => Kind is DreamSourceKind.File or DreamSourceKind.Noise;

    /// <summary>The image file at <paramref name="path"/> (made absolute).</summary>
    public static DreamSource File(string path) => new() { Kind = DreamSourceKind.File, Path = System.IO.Path.GetFullPath(path) };

    /// <summary>Noise from <see cref="StartImages.Noise"/>; it also depends on the dream's seed.</summary>
    public static DreamSource Noise(int width, int height, int amplitude) =>
        new() { Kind = DreamSourceKind.Noise, Width = width, Height = height, Amplitude = amplitude };

    /// <summary>An image read from the stream called <paramref name="name"/>.</summary>
    public static DreamSource Stream(string name) => new() { Kind = DreamSourceKind.Stream, Name = name };

    /// <summary>An image made in memory, described by <paramref name="description"/>.</summary>
    public static DreamSource Image(string description) => new() { Kind = DreamSourceKind.Image, Name = description };

    /// <summary>How the source reads in messages: the path, the noise, the stream or the description.</summary>
    public override string ToString() => Kind switch
    {
        DreamSourceKind.File => Path ?? "a file",
        DreamSourceKind.Noise => $"noise {Width}x{Height} of amplitude {Amplitude}",
        _ => Name ?? Kind.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// Makes the image again: reads the file, or makes the noise with <paramref name="seed"/>. When
    /// <see cref="Pixels"/> is recorded, the image must have those pixels.
    /// </summary>
    /// <exception cref="DreamInputException">
    /// A stream or in-memory image (which cannot be made again), a file that cannot be read, or different pixels.
    /// </exception>
    public RgbImage Make(int seed, ImageReadOptions read)
    {
        var image = Kind switch
        {
            DreamSourceKind.File when Path is not null => ImageFile.Read(Path, read),
            DreamSourceKind.Noise when Width is { } width && Height is { } height && Amplitude is { } amplitude =>
                StartImages.Noise(width, height, amplitude, seed),
            _ => throw new DreamInputException($"{this}: cannot be read again (only image files and noise can)"),
        };
        if (Pixels is not null && SettingsKey.Digest(image) != Pixels)
            throw new DreamInputException($"{this}: no longer holds the recorded picture (its pixels differ)");
        return image;
    }
}
