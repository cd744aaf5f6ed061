using DeepDream.Imaging;

namespace DeepDream.Pipeline;

/// <summary>How an output was encoded, as it records it.</summary>
/// <param name="Format">The file format.</param>
/// <param name="Quality">JPEG and WebP quality, 1-100 (PNG ignores it).</param>
public sealed record RecordedOutput(ImageFormat Format, int Quality);
