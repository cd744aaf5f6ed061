using System.Text;
using Microsoft.Win32.SafeHandles;

namespace DeepDream.IO;

/// <summary>
/// A file from outside (an image, a model and the files it pulls in, a list) opened once and checked before a byte
/// is read: it must be a regular file — not a FIFO, a device such as <c>/dev/zero</c>, a socket or a folder — no
/// larger than the caller's limit, and, when a folder is given, its real path (every symbolic link resolved) must lie
/// inside that folder's real path. All reading then goes through the same handle, so the file checked is the file
/// read, and a link swapped afterwards changes nothing.
/// </summary>
public sealed class RegularFile : IDisposable
{
    private readonly FileStream _stream;

    private RegularFile(string path, string realPath, long length, FileStream stream)
    {
        Path = path;
        RealPath = realPath;
        Length = length;
        _stream = stream;
    }

    /// <summary>The path as the caller gave it (errors name it).</summary>
    public string Path { get; }

    /// <summary>The absolute path of the file actually opened, with every symbolic link resolved.</summary>
    public string RealPath { get; }

    /// <summary>The size in bytes when opened (of the file itself, never of a link to it).</summary>
    public long Length { get; }

    /// <summary>The version of the open file now (<see cref="RealPath"/>, its size and last write; see <see cref="FileVersion"/>).</summary>
    internal FileVersion Version => FileVersion.Of(_stream.SafeFileHandle, RealPath);

    /// <summary>The open file, positioned at its start. Disposing this object closes it.</summary>
    public Stream Stream => _stream;

    /// <summary>Opens <paramref name="path"/> for reading after the checks described on the type.</summary>
    /// <param name="path">The file; symbolic links are followed (and their target checked).</param>
    /// <param name="maxBytes">The largest size accepted, decided before anything is read.</param>
    /// <param name="purpose">What the file is for, as the size message names it, e.g. "a model file".</param>
    /// <param name="error">Makes the caller's exception from a one-line message that starts with <paramref name="path"/>.</param>
    /// <param name="insideFolder">When set, the folder the file's real path must lie in.</param>
    public static RegularFile Open(string path, long maxBytes, string purpose, Func<string, Exception> error, string? insideFolder = null)
    {
        var stream = OpenChecked(path, error);
        try
        {
            long length = stream.Length;
            string realPath = RealPathOf(stream.SafeFileHandle, path, error);
            if (insideFolder is not null)
            {
                string folder = RealFolderPath(insideFolder, error);
                if (!realPath.StartsWith(System.IO.Path.TrimEndingDirectorySeparator(folder) + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw error($"{path}: resolves to {realPath}, outside the folder {folder}");
            }
            if (length > maxBytes)
                throw error($"{path}: {length} bytes, over the {maxBytes}-byte limit for {purpose}");
            return new RegularFile(path, realPath, length, stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The real path of <paramref name="folder"/>: absolute, every symbolic link resolved.</summary>
    public static string RealFolderPath(string folder, Func<string, Exception> error)
    {
        if (!OperatingSystem.IsLinux()) return System.IO.Path.GetFullPath(folder);
        using var handle = LinuxFiles.OpenForReading(folder, out int errno);
        if (handle.IsInvalid) throw error($"{folder}: {Describe(errno)}");
        if (LinuxFiles.Describe(handle).Kind != FileKind.Folder) throw error($"{folder}: not a folder");
        return RealPathOf(handle, folder, error);
    }

    /// <summary>All <see cref="Length"/> bytes.</summary>
    /// <exception cref="IOException">The file shrank while it was read.</exception>
    public byte[] ReadAllBytes() => Read(0, Length);

    /// <summary>The text of the file; a byte order mark, if any, chooses the encoding.</summary>
    public string ReadAllText(Encoding encoding)
    {
        using var reader = new StreamReader(new MemoryStream(ReadAllBytes()), encoding, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary><paramref name="count"/> bytes from <paramref name="offset"/>, which the caller has checked against <see cref="Length"/>.</summary>
    /// <exception cref="IOException">The file ends before them (it shrank since it was opened).</exception>
    public byte[] Read(long offset, long count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Array.MaxLength);
        var bytes = new byte[count];
        ReadExactly(bytes, offset);
        return bytes;
    }

    /// <summary>Fills <paramref name="destination"/> from <paramref name="offset"/> on.</summary>
    /// <exception cref="IOException">The file ends before it is full (it shrank since it was opened).</exception>
    public void ReadExactly(Span<byte> destination, long offset)
    {
        while (destination.Length > 0)
        {
            int read = RandomAccess.Read(_stream.SafeFileHandle, destination, offset);
            if (read <= 0) throw new IOException($"{Path}: the file ended after {offset} bytes while it was read (it changed)");
            destination = destination[read..];
            offset += read;
        }
    }

    public void Dispose() => _stream.Dispose();

    private static FileStream OpenChecked(string path, Func<string, Exception> error)
    {
        if (!OperatingSystem.IsLinux())
        {
            if (Directory.Exists(path)) throw error($"{path}: is a folder, not a file");
            if (!File.Exists(path)) throw error($"{path}: file not found");
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        var handle = LinuxFiles.OpenForReading(path, out int errno);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw error($"{path}: {Describe(errno)}");
        }
        try
        {
            var kind = LinuxFiles.Describe(handle).Kind;
            if (kind != FileKind.Regular) throw error($"{path}: {Describe(kind)}");
            return new FileStream(handle, FileAccess.Read, bufferSize: 0);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Where the open file really is, as the kernel knows it (<c>/proc/self/fd</c>), so no link can mislead.</summary>
    private static string RealPathOf(SafeFileHandle handle, string path, Func<string, Exception> error)
    {
        if (!OperatingSystem.IsLinux()) return System.IO.Path.GetFullPath(path);
        string? target = new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}").LinkTarget;
        return target is not null && System.IO.Path.IsPathRooted(target)
            ? target
            : throw error($"{path}: cannot tell where the file really is (is /proc mounted?)");
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Folder => "is a folder, not a file",
        FileKind.Fifo => "is a FIFO (named pipe), not a regular file",
        FileKind.CharacterDevice => "is a character device, not a regular file",
        FileKind.BlockDevice => "is a block device, not a regular file",
        FileKind.Socket => "is a socket, not a regular file",
        _ => "is not a regular file",
    };

    private static string Describe(int errno) => errno switch
    {
        2 => "file not found",
        13 => "permission denied",
        20 => "file not found (a part of the path is not a folder)",
        40 => "too many levels of symbolic links",
        _ => $"cannot open ({System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno)})",
    };
}
