namespace DeepDream.Video;

/// <summary>Optical flow cannot run here: OpenCV's native library is missing for this platform or fails to load.</summary>
public sealed class FlowUnavailableException(string message, Exception? inner = null) : DeepDreamException(message, inner);
