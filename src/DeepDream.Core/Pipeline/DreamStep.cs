namespace DeepDream.Pipeline;

/// <summary>One gradient step was taken.</summary>
/// <param name="Octave">The octave, from 1 (coarsest) to <paramref name="OctaveCount"/>.</param>
/// <param name="Step">The step within the octave, from 1 to <paramref name="StepCount"/>.</param>
/// <param name="Height">The octave's height in pixels.</param>
/// <param name="Width">The octave's width in pixels.</param>
/// <param name="Objective">The objective's value before the step.</param>
public sealed record DreamStep(int Octave, int OctaveCount, int Step, int StepCount, int Height, int Width, double Objective) : DreamEvent;
