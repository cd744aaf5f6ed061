using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DeepDream.IO;

/// <summary>
/// Work in progress (temporary files, staging folders) carries its maker's <see cref="Tag"/> in its name, so that a
/// later run can delete what a killed process left behind without touching what a running one is still writing.
/// </summary>
public static partial class Leftovers
{
    /// <summary>
    /// Within this much, a process start and a file time count as the same moment: the kernel keeps start times in
    /// clock ticks, and a process's own files are always written after it started.
    /// </summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(1);

    private static readonly string HostId =
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Environment.MachineName)))[..8];

    /// <summary>
    /// <c>pid@host</c> for this process, e.g. <c>4242@1a2b3c4d</c> (the host as 8 hex digits of its name's hash): a
    /// folder shared with other machines holds their work too, and only this machine's process table can judge ours.
    /// </summary>
    public static string Tag { get; } = $"{Environment.ProcessId}@{HostId}";

    /// <summary>
    /// True when <paramref name="name"/> carries a tag of this machine whose process is gone: no process has that id
    /// any more, or the one that has it started after <paramref name="lastWriteUtc"/> (the id was reused). False for
    /// names without a tag and for other machines' work.
    /// </summary>
    public static bool CreatorIsGone(string name, DateTime lastWriteUtc)
    {
        var match = TagPattern().Matches(name).LastOrDefault();
        if (match is null || match.Groups["host"].Value != HostId) return false;
        if (!int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime() > lastWriteUtc + ClockSlack;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>
    /// Deletes the files and folders in <paramref name="folder"/> that match <paramref name="searchPattern"/> and whose
    /// maker is gone (<see cref="CreatorIsGone"/>). Entries that vanish or resist meanwhile are left; returns how many went.
    /// </summary>
    public static int Delete(string folder, string searchPattern)
    {
        if (!Directory.Exists(folder)) return 0;
        int deleted = 0;
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos(searchPattern, new EnumerationOptions { AttributesToSkip = 0 }))
        {
            if (!CreatorIsGone(entry.Name, entry.LastWriteTimeUtc)) continue;
            try
            {
                if (entry is DirectoryInfo directory && entry.LinkTarget is null) directory.Delete(recursive: true);
                else entry.Delete();
                deleted++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another run is cleaning up the same leftover, or it is not ours to delete; either way it is harmless.
            }
        }
        return deleted;
    }

    [GeneratedRegex(@"(?<pid>\d{1,10})@(?<host>[0-9a-f]{8})")]
    private static partial Regex TagPattern();
}
