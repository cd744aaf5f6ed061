namespace DeepDream.Pipeline;

/// <summary>The dreamed image is complete at its target.</summary>
/// <param name="Target">The file's path, or the stream's display name (e.g. "&lt;stdout&gt;").</param>
public sealed record DreamWritten(string Target) : DreamEvent;
