using System.Text.Json.Serialization;

namespace DeepDream.Cli.Commands;

/// <summary>The last <c>--json</c> line of <c>dream video</c>.</summary>
/// <param name="Input">The clip.</param>
/// <param name="Output">The dreamed clip; null when it was not written.</param>
/// <param name="Work">The work folder.</param>
/// <param name="WorkKept">Whether the work folder is still there.</param>
internal sealed record VideoSummaryLine(
    string Input, string? Output, int Frames, int Done, int Skipped, int Failed, int Remaining, bool Interrupted, double Seconds,
    string Work, bool WorkKept, IReadOnlyList<FailureLine> Failures, int ExitCode)
{
    [JsonPropertyOrder(-1)]
    public string Event => "summary";

    [JsonPropertyOrder(-1)]
    public string Command => "video";
}
