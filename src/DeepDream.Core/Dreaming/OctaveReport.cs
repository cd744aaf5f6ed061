namespace DeepDream.Dreaming;

/// <summary>What happened in one octave: its size, the objective at each step, and the time it took.</summary>
public sealed record OctaveReport(int Height, int Width, IReadOnlyList<double> Objective, double Seconds);
