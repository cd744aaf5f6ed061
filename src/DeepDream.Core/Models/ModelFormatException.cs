namespace DeepDream.Models;

/// <summary>A model file that cannot be read or run: truncated, hostile, or using unsupported operators.</summary>
public sealed class ModelFormatException(string message, Exception? inner = null) : DeepDreamException(message, inner);
