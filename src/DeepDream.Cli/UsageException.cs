namespace DeepDream.Cli;

/// <summary>A command line that cannot be carried out as written (e.g. output equals input without --in-place).</summary>
public sealed class UsageException(string message) : DeepDreamException(message);
