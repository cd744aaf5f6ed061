using System.Diagnostics;

namespace DeepDream.Runtime;

/// <summary>
/// The one way this library runs another program (npm, ffmpeg): arguments passed as a list, never through a shell;
/// standard output and error captured; the process and its children killed on cancellation or timeout.
/// </summary>
internal static class ChildProcess
{
    /// <summary>Runs <paramref name="program"/> to its end.</summary>
    /// <param name="program">A path, or a name looked up on PATH.</param>
    /// <param name="workingDirectory">Where it runs; the current directory when null.</param>
    /// <param name="timeout">Longest run before it is killed; null for no limit.</param>
    /// <exception cref="System.ComponentModel.Win32Exception">The program cannot be started (not found, not executable).</exception>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/> and was killed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; it was killed.</exception>
    public static async Task<ChildProcessResult> RunAsync(string program, IEnumerable<string> arguments,
        string? workingDirectory = null, TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"{program}: the process did not start");
        // Both streams are read at once, so neither pipe can fill up and stall the program.
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (timeout is { } limit) deadline.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellation.ThrowIfCancellationRequested();
            throw new TimeoutException($"{program}: no answer within {timeout}");
        }
        return new ChildProcessResult(process.ExitCode, await output, await errors);
    }

    /// <summary>
    /// The executable called <paramref name="name"/> (<c>name.exe</c> on Windows) in the folders of
    /// <paramref name="searchPath"/> (PATH's form), first match; null if none.
    /// </summary>
    public static string? FindOnPath(string name, string? searchPath)
    {
        string file = OperatingSystem.IsWindows() ? name + ".exe" : name;
        foreach (string folder in (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, file);
            if (File.Exists(candidate) && IsExecutable(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Synchronous <see cref="RunAsync"/>, for callers on a worker thread.</summary>
    public static ChildProcessResult Run(string program, IEnumerable<string> arguments,
        string? workingDirectory = null, TimeSpan? timeout = null, CancellationToken cancellation = default) =>
        RunAsync(program, arguments, workingDirectory, timeout, cancellation).GetAwaiter().GetResult();

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
