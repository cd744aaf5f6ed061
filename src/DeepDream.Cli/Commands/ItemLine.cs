namespace DeepDream.Cli.Commands;

/// <summary>The <c>--json</c> line for one finished batch or frames item.</summary>
/// <param name="Event">done, skipped or failed.</param>
/// <param name="Input">The input's relative path (as in the manifest).</param>
/// <param name="Output">Absolute path of the output; null for a failure.</param>
/// <param name="Seconds">Time the item took.</param>
/// <param name="Error">One-line reason for a failure; null otherwise.</param>
internal sealed record ItemLine(string Event, string Input, string? Output, double Seconds, string? Error);
