using MetadataExtractor;
using MetadataExtractor.Formats.Xmp;

namespace DeepDream.Imaging;

/// <summary>
/// Reads back the text an image was written with as <see cref="ImageWriteOptions.Recipe"/> (DeepDream writes how it
/// made the image there), from the XMP of a PNG, JPEG or WebP file.
/// </summary>
public static class ImageRecipe
{
    /// <summary>The recipe recorded in the image at <paramref name="path"/>, or null when it records none.</summary>
    /// <exception cref="DreamInputException">Missing, a folder, unreadable, or not an image whose metadata can be read.</exception>
    public static string? Read(string path)
    {
        if (System.IO.Directory.Exists(path)) throw new DreamInputException($"{path}: is a folder, not an image file");
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length == 0) throw new DreamInputException($"{path}: empty file (0 bytes)");
            directories = ImageMetadataReader.ReadMetadata(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DreamInputException($"{path}: file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DreamInputException($"{path}: cannot read ({e.Message})", e);
        }
        catch (ImageProcessingException e)
        {
            throw new DreamInputException($"{path}: not an image whose metadata can be read ({e.Message})", e);
        }
        return directories.OfType<XmpDirectory>().Select(RecipeXmp.Find).FirstOrDefault(recipe => recipe is not null);
    }
}
