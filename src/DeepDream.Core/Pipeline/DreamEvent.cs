namespace DeepDream.Pipeline;

/// <summary>
/// Something that happened in a dream, reported through <see cref="IProgress{T}"/> for display: the pyramid planned
/// (<see cref="DreamPlanned"/>), a step taken (<see cref="DreamStep"/>), an octave done (<see cref="OctaveDone"/>)
/// and the image written (<see cref="DreamWritten"/>), in that order.
/// </summary>
public abstract record DreamEvent;
