using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DeepDream.Tests.IO;

/// <summary>The hostile files the tests plant: FIFOs, and the id of a process that is surely gone.</summary>
internal static class SpecialFiles
{
    /// <summary>Makes a named pipe at <paramref name="path"/>; nothing ever writes to it, so a reader would wait for ever.</summary>
    public static string Fifo(string path)
    {
        if (MakeFifo(path, Convert.ToInt32("600", 8)) != 0)
            throw new InvalidOperationException($"mkfifo {path} failed: errno {Marshal.GetLastPInvokeError()}");
        return path;
    }

    /// <summary>The id of a process that has run and been reaped: no process has it now (ids are not reused at once).</summary>
    public static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);
}
