namespace DeepDream.Cli.Commands;

/// <summary>A failed item in the <c>--json</c> summary.</summary>
internal sealed record FailureLine(string Input, string Error);
