namespace DeepDream.Video;

/// <summary>What ffprobe says about a clip: its first video stream and its sound.</summary>
/// <param name="Path">The clip.</param>
/// <param name="Width">Coded width of the video stream, in pixels.</param>
/// <param name="Height">Coded height of the video stream, in pixels.</param>
/// <param name="Rate">The frame rate the dreamed clip keeps: the stream's average rate, else its base rate.</param>
/// <param name="Duration">Length of the clip in seconds; null when the container does not say.</param>
/// <param name="AudioCodecs">The codec of each audio stream (ffmpeg's names, e.g. <c>aac</c>); empty for a silent clip.</param>
public sealed record VideoInfo(string Path, int Width, int Height, FrameRate Rate, double? Duration, IReadOnlyList<string> AudioCodecs);
