using System.Text.Json.Serialization;

namespace DeepDream.Cli.Commands;

/// <summary>The <c>--json</c> line for one written zoom frame.</summary>
internal sealed record ZoomFrameLine(int Index, string Output, double Seconds)
{
    [JsonPropertyOrder(-1)]
    public string Event => "frame";
}
