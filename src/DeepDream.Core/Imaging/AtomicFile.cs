using System.Security.Cryptography;
using DeepDream.IO;

namespace DeepDream.Imaging;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new one, never a torn file: the
/// content goes to a hidden temporary file in the same folder (same file system, so the rename is atomic).
/// </summary>
internal static class AtomicFile
{
    /// <summary>
    /// Calls <paramref name="writeContent"/> on a temporary file, flushes it to disk and renames it over
    /// <paramref name="path"/>. If anything throws, the temporary file is deleted and <paramref name="path"/> is untouched.
    /// Temporary files for the same path that a killed process left are deleted first.
    /// </summary>
    public static void Write(string path, Action<Stream> writeContent)
    {
        string fullPath = Path.GetFullPath(path);
        DeleteLeftovers(Path.GetDirectoryName(fullPath)!, Path.GetFileName(fullPath));
        string tempPath = TempPathFor(fullPath);
        var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        try
        {
            using (stream)
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(tempPath);
            throw;
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
