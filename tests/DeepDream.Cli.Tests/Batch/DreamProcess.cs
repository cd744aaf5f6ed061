using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DeepDream.Tests.Batch;

/// <summary>Runs the built <c>dream</c> command as a separate process, as a user or a script would.</summary>
internal static class DreamProcess
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    /// <summary>The CLI's build output is copied next to the test assembly with its runtime configuration.</summary>
    private static string DreamDll => Path.Combine(AppContext.BaseDirectory, "dream.dll");

    /// <summary>
    /// The dotnet host running these tests (the SDK names it in DOTNET_HOST_PATH), by full path, so a child can be
    /// given a PATH without it.
    /// </summary>
    private static string DotnetHost =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary>Starts <c>dotnet dream.dll args…</c> with stdout and stderr redirected.</summary>
    /// <param name="searchPath">The child's PATH; null to inherit this process's.</param>
    /// <param name="silentStdin">Gives the child a stdin pipe that stays open and never delivers a byte.</param>
    /// <param name="setup">Changes the rest of the start (another dream.dll, working folder, environment).</param>
    public static Process Start(IEnumerable<string> args, string? searchPath = null, bool silentStdin = false, Action<ProcessStartInfo>? setup = null)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = silentStdin,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DreamDll);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        if (searchPath is not null) start.Environment["PATH"] = searchPath;
        setup?.Invoke(start);
        return Process.Start(start) ?? throw new InvalidOperationException($"{DotnetHost} did not start");
    }

    /// <summary>Runs to the end and returns the exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(IEnumerable<string> args, string? searchPath = null, Action<ProcessStartInfo>? setup = null)
    {
        using var process = Start(args, searchPath, setup: setup);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Sends <paramref name="signal"/> to the process, as a scheduler or Ctrl-C would.</summary>
    public static void Signal(Process process, int signal)
    {
        if (Kill(process.Id, signal) != 0) throw new InvalidOperationException($"kill({process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>
    /// True while one of the process's threads sits in read() on its stdin (fd 0 or a duplicate of it, as .NET's
    /// console stream is): waiting for data. Linux x86-64 (read is system call 0), as libtorch here.
    /// </summary>
    public static bool IsWaitingForStdin(Process process)
    {
        string proc = $"/proc/{process.Id}";
        try
        {
            string? stdin = new FileInfo($"{proc}/fd/0").LinkTarget;
            foreach (string task in Directory.EnumerateDirectories($"{proc}/task"))
            {
                string[] call = File.ReadAllText(Path.Combine(task, "syscall")).Split(' ');
                if (call is ["0", var descriptor, ..]
                    && new FileInfo($"{proc}/fd/{Convert.ToInt32(descriptor, 16)}").LinkTarget == stdin) return true;
            }
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
