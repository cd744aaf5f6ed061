using System.Text.Json.Serialization;

namespace DeepDream.Cli.Commands;

/// <summary>The last <c>--json</c> line of <c>dream zoom</c>.</summary>
internal sealed record ZoomSummaryLine(
    string Folder, int Frames, int Kept, int Made, int Remaining, bool Interrupted, double Seconds, string? Video, int ExitCode)
{
    [JsonPropertyOrder(-1)]
    public string Event => "summary";
}
