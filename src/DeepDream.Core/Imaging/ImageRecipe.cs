using DeepDream.IO;
using MetadataExtractor;
using MetadataExtractor.Formats.Gif;
using MetadataExtractor.Formats.Xmp;

namespace DeepDream.Imaging;

/// <summary>
/// Reads back the text an image was written with as <see cref="ImageWriteOptions.Recipe"/> (DeepDream writes how it
/// made the image there), from the XMP of a PNG, JPEG or WebP file, or the comment of a progression GIF
/// (<see cref="ProgressionGif"/>).
/// </summary>
public static class ImageRecipe
{
    /// <summary>The recipe recorded in the image at <paramref name="path"/>, or null when it records none (for a GIF: its comment, if any).</summary>
    /// <exception cref="DreamInputException">Missing, not a regular file (a folder, a FIFO, a device), over 1 GiB, empty,
    /// unreadable, or not an image whose metadata can be read.</exception>
    public static string? Read(string path)
    {
        using var file = RegularFile.Open(path, ImageReadOptions.DefaultMaxFileBytes, "an image file", message => new DreamInputException(message));
        if (file.Length == 0) throw new DreamInputException($"{path}: empty file (0 bytes)");
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            directories = ImageMetadataReader.ReadMetadata(file.Stream);
        }
        catch (IOException e)
        {
            throw new DreamInputException($"{path}: cannot read ({e.Message})", e);
        }
        catch (ImageProcessingException e)
        {
            throw new DreamInputException($"{path}: not an image whose metadata can be read ({e.Message})", e);
        }
        return directories.OfType<XmpDirectory>().Select(RecipeXmp.Find).FirstOrDefault(recipe => recipe is not null)
            ?? directories.OfType<GifCommentDirectory>().Select(GifComment).FirstOrDefault();
    }

    /// <summary>A GIF comment's text as UTF-8 (as <see cref="ProgressionGif"/> writes it; plain ASCII reads the same).</summary>
    private static string? GifComment(GifCommentDirectory comment) =>
        comment.GetObject(GifCommentDirectory.TagComment) is StringValue { Bytes: var bytes } ? System.Text.Encoding.UTF8.GetString(bytes) : null;
}
