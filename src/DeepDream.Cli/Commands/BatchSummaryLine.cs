using System.Text.Json.Serialization;

namespace DeepDream.Cli.Commands;

/// <summary>The last <c>--json</c> line of <c>dream batch</c> and <c>dream frames</c>.</summary>
internal sealed record BatchSummaryLine(
    string Command, string Shard, int Total, int Done, int Skipped, int Failed, int Remaining, bool Interrupted,
    double Seconds, string Manifest, IReadOnlyList<FailureLine> Failures, int ExitCode)
{
    [JsonPropertyOrder(-1)]
    public string Event => "summary";
}
