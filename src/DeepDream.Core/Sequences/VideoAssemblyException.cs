namespace DeepDream.Sequences;

/// <summary>ffmpeg could not be started or failed to turn the frames into a video.</summary>
public sealed class VideoAssemblyException(string message, Exception? inner = null) : DeepDreamException(message, inner);
