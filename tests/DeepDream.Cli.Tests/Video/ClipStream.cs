namespace DeepDream.Tests.Video;

/// <summary>One stream of a clip, as ffprobe reports it.</summary>
internal sealed record ClipStream(string Type, string Codec, int Width, int Height, string? PixelFormat, string Rate, int Frames);
