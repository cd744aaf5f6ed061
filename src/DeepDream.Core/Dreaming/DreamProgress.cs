namespace DeepDream.Dreaming;

/// <summary>Reported after every gradient step.</summary>
public sealed record DreamProgress(int Octave, int OctaveCount, int Step, int StepCount, int Height, int Width, double Objective);
