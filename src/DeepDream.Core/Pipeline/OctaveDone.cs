using DeepDream.Dreaming;

namespace DeepDream.Pipeline;

/// <summary>An octave's steps are done.</summary>
/// <param name="Octave">The octave, from 1 (coarsest) to <paramref name="OctaveCount"/>.</param>
/// <param name="Report">Its size, the objective at each step and the time it took.</param>
public sealed record OctaveDone(int Octave, int OctaveCount, OctaveReport Report) : DreamEvent
{
    /// <summary>The image after this octave, readable while the event is reported; null where none is offered.</summary>
    public OctaveImage? Image { get; init; }
}
