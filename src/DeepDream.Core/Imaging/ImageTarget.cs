namespace DeepDream.Imaging;

/// <summary>
/// Where a dreamed image goes: a file, written atomically in the format its extension names, or a stream the
/// caller owns (stdout, or the temporary file of a batch item). <see cref="Check"/> tells before any work whether
/// the write can succeed, so a dream is never thrown away for want of an output.
/// </summary>
public sealed class ImageTarget
{
    private readonly Stream? _stream;
    private readonly ImageFormat _format;

    private ImageTarget(string name, string? path, Stream? stream, ImageFormat format, ImageWriteOptions options)
    {
        Name = name;
        Path = path;
        _stream = stream;
        _format = format;
        Options = options;
    }

    /// <summary>How messages and events name the target: the file's path, or the stream's display name.</summary>
    public string Name { get; }

    /// <summary>The file's path; null for a stream.</summary>
    public string? Path { get; }

    public ImageWriteOptions Options { get; }

    /// <summary>The format written: the stream's, or the one the file's extension names (null for an unknown one).</summary>
    public ImageFormat? Format => Path is null ? _format : ImageFile.TryGetFormat(Path, out var format) ? format : null;

    /// <summary>The file at <paramref name="path"/> (.jpg, .jpeg, .png or .webp), replaced atomically.</summary>
    public static ImageTarget File(string path, ImageWriteOptions? options = null) =>
        new(path, path, null, default, options ?? ImageWriteOptions.Default);

    /// <summary>The open <paramref name="stream"/>, left open, in <paramref name="format"/>.</summary>
    /// <param name="name">How errors name the stream, e.g. "&lt;stdout&gt;".</param>
    public static ImageTarget Stream(Stream stream, string name, ImageFormat format, ImageWriteOptions? options = null) =>
        new(name, null, stream, format, options ?? ImageWriteOptions.Default);

    /// <summary>The same target, writing <paramref name="recipe"/> into the image's metadata (<see cref="ImageWriteOptions.Recipe"/>).</summary>
    public ImageTarget WithRecipe(string? recipe) => new(Name, Path, _stream, _format, Options with { Recipe = recipe });

    /// <summary>Checks that the image can be written here, without writing anything.</summary>
    /// <exception cref="DreamOutputException">
    /// A file target with an unknown extension, that is a folder, whose folder does not exist, or that is the input
    /// image without <see cref="ImageWriteOptions.InPlace"/>.
    /// </exception>
    public void Check()
    {
        if (Path is not null) ImageFile.CheckWritable(Path, Options);
    }

    /// <summary>Encodes and writes <paramref name="image"/>; a file appears complete or not at all.</summary>
    /// <exception cref="DreamOutputException">See <see cref="Check"/>; also an encoder refusal or an I/O error.</exception>
    /// <exception cref="IOException">Writing to a stream target failed.</exception>
    public void Write(RgbImage image)
    {
        if (Path is not null)
            ImageFile.Write(image, Path, Options);
        else
            ImageFile.Write(image, _stream!, Name, _format, Options);
    }
}
