namespace DeepDream.Imaging;

/// <summary>An output image that cannot be written: unknown format, missing folder, the input itself, I/O failure.</summary>
public sealed class DreamOutputException(string message, Exception? inner = null) : DeepDreamException(message, inner);
