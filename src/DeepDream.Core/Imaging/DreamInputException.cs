namespace DeepDream.Imaging;

/// <summary>An input image that cannot be used: missing, empty, corrupt, unsupported or too large.</summary>
public sealed class DreamInputException(string message, Exception? inner = null) : DeepDreamException(message, inner);
