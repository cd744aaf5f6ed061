using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace DeepDream.IO;

/// <summary>
/// Which version of a file a cache entry was made from: its full path, length and last-write time. Caches of work
/// derived from a file (a patched library, a model's weights summary) key on it, so that finding the entry costs one
/// <c>stat</c> instead of reading the file; a file replaced or touched has another version. A change that keeps
/// length and time to the nanosecond goes unnoticed, which is the trust these caches accept.
/// </summary>
/// <param name="Path">Absolute path.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="ModifiedNanoseconds">Last write, in nanoseconds since the Unix epoch (100-ns steps where the system gives no finer).</param>
internal readonly record struct FileVersion(string Path, long Length, long ModifiedNanoseconds)
{
    /// <summary>The version of <paramref name="path"/> now (a symbolic link followed to its target).</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static FileVersion Of(string path)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        using var handle = File.OpenHandle(fullPath);
        return Of(handle, fullPath);
    }

    /// <summary>The version of the file open as <paramref name="handle"/>, named <paramref name="fullPath"/>.</summary>
    public static FileVersion Of(SafeFileHandle handle, string fullPath)
    {
        if (OperatingSystem.IsLinux())
        {
            var (length, modified) = LinuxFiles.VersionOf(handle);
            return new FileVersion(fullPath, length, modified);
        }
        long ticks = (File.GetLastWriteTimeUtc(handle) - DateTime.UnixEpoch).Ticks;
        return new FileVersion(fullPath, RandomAccess.GetLength(handle), ticks * 100);
    }

    /// <summary>One line per field, for keys and cache files.</summary>
    public override string ToString() => string.Join('\n',
        Path, Length.ToString(CultureInfo.InvariantCulture), ModifiedNanoseconds.ToString(CultureInfo.InvariantCulture));
}
