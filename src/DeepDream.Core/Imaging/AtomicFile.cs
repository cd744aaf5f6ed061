using System.Security.Cryptography;
using DeepDream.IO;

namespace DeepDream.Imaging;

/// <summary>
/// The one way this library replaces a file: readers see either the old content or the complete new one, never a
/// torn file. The content goes to a hidden temporary file in the same folder (same file system, so the rename is
/// atomic), is flushed to disk, and only then takes the final name. On failure the temporary file is deleted and the
/// target is untouched.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> from what <paramref name="writeContent"/> puts into a stream.</summary>
    public static void Write(string path, Action<Stream> writeContent) =>
        WriteByPath(path, temporaryPath =>
        {
            using var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            writeContent(stream);
        });

    /// <summary>
    /// Writes <paramref name="path"/> through a temporary file that <paramref name="writeTemporaryFile"/> creates by
    /// its path (for writers that take a path, such as ffmpeg). The temporary name ends in <c>.tmp</c>, so a writer
    /// that reads the format from the extension must be told the format.
    /// Temporary files for the same path that a killed process left are deleted first.
    /// </summary>
    /// <exception cref="InvalidOperationException">The writer returned without creating the file.</exception>
    public static void WriteByPath(string path, Action<string> writeTemporaryFile)
    {
        string fullPath = Path.GetFullPath(path);
        DeleteLeftovers(Path.GetDirectoryName(fullPath)!, Path.GetFileName(fullPath));
        string temporaryPath = TempPathFor(fullPath);
        try
        {
            writeTemporaryFile(temporaryPath);
            if (!File.Exists(temporaryPath))
                throw new InvalidOperationException($"{path}: the writer returned without writing {temporaryPath}");
            using (var written = new FileStream(temporaryPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                written.Flush(flushToDisk: true);
            File.Move(temporaryPath, fullPath, overwrite: true);
        }
        finally
        {
            // After the rename there is nothing left to delete; after anything else, no partial file stays.
            File.Delete(temporaryPath);
        }
    }

    /// <summary>
    /// Deletes the temporary files that writers of <paramref name="fileName"/> (by default: of any file) in
    /// <paramref name="folder"/> left when they were killed; those of running processes stay.
    /// </summary>
    public static void DeleteLeftovers(string folder, string fileName = "*") => Leftovers.Delete(folder, $".{fileName}.*.tmp");

    /// <summary>
    /// <c>dir/.photo.dream.jpg.4242@1a2b3c4d.5e6f7a8b.tmp</c> for <c>dir/photo.dream.jpg</c>: hidden, unique, in the same
    /// folder, and tagged with its maker (<see cref="Leftovers.Tag"/>). The batch runner names its work in progress the
    /// same way, and recognises leftovers by this form.
    /// </summary>
    internal static string TempPathFor(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!,
            $".{Path.GetFileName(fullPath)}.{Leftovers.Tag}.{RandomNumberGenerator.GetHexString(8, lowercase: true)}.tmp");
}
