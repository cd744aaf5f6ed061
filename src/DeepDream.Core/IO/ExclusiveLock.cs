namespace DeepDream.IO;

/// <summary>
/// An exclusive advisory lock (<c>flock</c>) held through a lock file, for "only one process at a time" without
/// touching the guarded file itself, so its readers never meet the lock. The kernel releases the lock when the holder
/// exits however it ends, so a killed process leaves no stale lock, at most the empty lock file, which the next holder
/// takes over and deletes when done.
/// </summary>
public sealed class ExclusiveLock : IDisposable
{
    /// <summary>How .NET reports a lock held elsewhere when it opens with FileShare.None: EWOULDBLOCK on Linux, a sharing violation on Windows.</summary>
    private const int WouldBlock = 11;
    private const int SharingViolation = unchecked((int)0x80070020);

    private readonly FileStream _stream;

    private ExclusiveLock(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Takes the lock at <paramref name="path"/> (creating the file) without waiting; null when another process holds it.</summary>
    /// <exception cref="IOException">The lock file cannot be created or opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static ExclusiveLock? TryAcquire(string path)
    {
        while (true)
        {
            FileStream stream;
            try
            {
                // FileShare.None makes .NET take the flock as it opens, with no moment in which two processes could both get it.
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            }
            catch (IOException e) when (e.HResult is WouldBlock or SharingViolation)
            {
                return null;
            }
            if (!OperatingSystem.IsLinux()) return new ExclusiveLock(path, stream);
            // Also where .NET's own locking is turned off (DOTNET_SYSTEM_IO_DISABLEFILELOCKING).
            if (!LinuxFiles.TryLockExclusive(stream.SafeFileHandle))
            {
                stream.Dispose();
                return null;
            }
            // The previous holder deletes the file before it lets go: a lock taken on a file no longer at the path
            // guards nothing, so start again with the path as it is now.
            if (LinuxFiles.IdentityOf(stream.SafeFileHandle) == LinuxFiles.IdentityOf(path)) return new ExclusiveLock(path, stream);
            stream.Dispose();
        }
    }

    /// <summary>
    /// Takes the lock at <paramref name="path"/>, waiting while another process holds it (polling every 200 ms, so a
    /// holder that is killed lets the next one in at once).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled while waiting.</exception>
    /// <exception cref="IOException">The lock file cannot be created or opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static async Task<ExclusiveLock> AcquireAsync(string path, CancellationToken cancellation)
    {
        while (true)
        {
            if (TryAcquire(path) is { } held) return held;
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellation);
        }
    }

    /// <summary>Deletes the lock file, then releases the lock.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        finally
        {
            _stream.Dispose();
        }
    }
}
