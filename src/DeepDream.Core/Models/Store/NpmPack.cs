using System.ComponentModel;
using DeepDream.Runtime;

namespace DeepDream.Models.Store;

/// <summary>Fetches an npm package tarball with the user's own npm (<c>npm pack &lt;spec&gt;</c>): its registry and proxy settings apply.</summary>
internal static class NpmPack
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>Runs <c>npm pack</c> in <paramref name="workFolder"/> and returns the path of the tarball it wrote.</summary>
    public static async Task<string> FetchAsync(string spec, string workFolder, CancellationToken cancellation)
    {
        ChildProcessResult result;
        try
        {
            result = await ChildProcess.RunAsync("npm", ["pack", spec, "--ignore-scripts", "--loglevel=error"], workFolder, Timeout, cancellation);
        }
        catch (Win32Exception ex)
        {
            throw new ModelStoreException($"npm pack {spec}: npm is not installed or not on PATH ({ex.Message})", ex);
        }
        catch (TimeoutException)
        {
            throw new ModelStoreException($"npm pack {spec}: no answer within {Timeout.TotalMinutes:0} minutes");
        }
        if (result.ExitCode != 0)
        {
            throw new ModelStoreException($"npm pack {spec} failed: {Reason(result.Errors) ?? $"exit code {result.ExitCode}"}");
        }
        return Directory.GetFiles(workFolder, "*.tgz") switch
        {
            [var tarball] => tarball,
            _ => throw new ModelStoreException($"npm pack {spec}: expected one .tgz file in {workFolder}"),
        };
    }

    /// <summary>The line of npm's error report that says what went wrong (not the code, errno or log-file lines).</summary>
    private static string? Reason(string errorOutput)
    {
        string[] noise = ["code ", "syscall ", "errno ", "A complete log", "Log files", "network This is"];
        var lines = errorOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.StartsWith("npm error ", StringComparison.Ordinal) ? line["npm error ".Length..]
                : line.StartsWith("npm ERR! ", StringComparison.Ordinal) ? line["npm ERR! ".Length..] : line)
            .ToList();
        return lines.FirstOrDefault(line => !noise.Any(n => line.StartsWith(n, StringComparison.Ordinal))) ?? lines.FirstOrDefault();
    }
}
