namespace DeepDream.Runtime;

/// <summary>How a child process ended, with everything it printed.</summary>
internal sealed record ChildProcessResult(int ExitCode, string Output, string Errors)
{
    /// <summary>The last non-empty line of standard error (where programs put the reason they failed); null if none.</summary>
    public string? LastErrorLine =>
        Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
