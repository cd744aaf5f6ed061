namespace DeepDream.Cli.Commands;

/// <summary>Wall-clock seconds of each phase of a single dream.</summary>
public sealed record DreamTimings(double ModelLoad, double Read, double Dream, double Write, double Total);
