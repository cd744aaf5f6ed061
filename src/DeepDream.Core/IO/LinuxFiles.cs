using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DeepDream.IO;

/// <summary>
/// The Linux calls .NET does not offer: opening a path without blocking on a FIFO, asking an open file what kind of
/// file it is and which file it is, and an advisory lock that does not depend on .NET's own (which a setting can turn
/// off). <c>statx</c> is used because its structure has the same layout on every architecture (x86-64 and arm64 share
/// the open flags used here too).
/// </summary>
internal static class LinuxFiles
{
    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const int EmptyPath = 0x1000;
    private const uint TypeAndSize = 0x1 | 0x200;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int WouldBlock = 11;
    private const int StatxBytes = 256;
    private const int CurrentFolder = -100;
    private const int NoFollow = 0x100;
    private const uint Inode = 0x100;
    private const uint ModifiedTime = 0x40;
    private const int ModeOffset = 28;
    private const int InodeOffset = 32;
    private const int SizeOffset = 40;
    private const int ModifiedSecondsOffset = 112;
    private const int ModifiedNanosecondsOffset = 120;
    private const int DeviceMajorOffset = 136;
    private const int DeviceMinorOffset = 140;

    /// <summary>
    /// Opens <paramref name="path"/> for reading, following symbolic links. A FIFO opens at once (non-blocking)
    /// instead of waiting for a writer; reads from regular files are unaffected by the flag.
    /// </summary>
    /// <returns>The handle, or an invalid one with <paramref name="errno"/> set.</returns>
    public static SafeFileHandle OpenForReading(string path, out int errno)
    {
        int descriptor = Open(path, ReadOnly | NonBlocking | CloseOnExec);
        errno = descriptor < 0 ? Marshal.GetLastPInvokeError() : 0;
        return new SafeFileHandle(descriptor, ownsHandle: true);
    }

    /// <summary>The kind and size of the open file.</summary>
    /// <exception cref="IOException">statx failed (it does not for an open descriptor on Linux 4.11 and later).</exception>
    public static (FileKind Kind, long Size) Describe(SafeFileHandle handle)
    {
        var buffer = StatxOf(handle) ?? throw new IOException($"statx failed (errno {Marshal.GetLastPInvokeError()})");
        int mode = BitConverter.ToUInt16(buffer, ModeOffset);
        long size = BitConverter.ToInt64(buffer, SizeOffset);
        return ((FileKind)(mode & 0xF000), size);
    }

    /// <summary>The size of the open file and its last write in nanoseconds since the Unix epoch.</summary>
    /// <exception cref="IOException">statx failed.</exception>
    public static (long Size, long ModifiedNanoseconds) VersionOf(SafeFileHandle handle)
    {
        var buffer = StatxOf(handle) ?? throw new IOException($"statx failed (errno {Marshal.GetLastPInvokeError()})");
        long seconds = BitConverter.ToInt64(buffer, ModifiedSecondsOffset);
        return (BitConverter.ToInt64(buffer, SizeOffset), seconds * 1_000_000_000 + BitConverter.ToUInt32(buffer, ModifiedNanosecondsOffset));
    }

    /// <summary>Which file the handle is open on.</summary>
    /// <exception cref="IOException">statx failed.</exception>
    public static FileIdentity IdentityOf(SafeFileHandle handle) =>
        Identity(StatxOf(handle) ?? throw new IOException($"statx failed (errno {Marshal.GetLastPInvokeError()})"));

    /// <summary>Which file <paramref name="path"/> names now (a final symbolic link itself, not its target); null if none.</summary>
    public static FileIdentity? IdentityOf(string path)
    {
        var buffer = new byte[StatxBytes];
        return Statx(CurrentFolder, path, NoFollow, Inode, buffer) == 0 ? Identity(buffer) : null;
    }

    private static FileIdentity Identity(byte[] statx) => new(
        BitConverter.ToUInt32(statx, DeviceMajorOffset), BitConverter.ToUInt32(statx, DeviceMinorOffset), BitConverter.ToUInt64(statx, InodeOffset));

    private static byte[]? StatxOf(SafeFileHandle handle)
    {
        var buffer = new byte[StatxBytes];
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Statx((int)handle.DangerousGetHandle(), "", EmptyPath, TypeAndSize | Inode | ModifiedTime, buffer) == 0 ? buffer : null;
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    /// <summary>
    /// Takes an advisory exclusive lock (<c>flock</c>) on the open file without waiting. The kernel drops it when the
    /// last descriptor closes, so a killed process never leaves a stale lock.
    /// </summary>
    /// <returns>False when another open file holds a lock on it; true when locked, or where the file system cannot lock.</returns>
    public static bool TryLockExclusive(SafeFileHandle handle)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Flock((int)handle.DangerousGetHandle(), LockExclusive | LockNonBlocking) == 0 || Marshal.GetLastPInvokeError() != WouldBlock;
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int Flock(int descriptor, int operation);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] result);
}
