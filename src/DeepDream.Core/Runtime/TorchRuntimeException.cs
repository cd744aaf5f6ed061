namespace DeepDream.Runtime;

/// <summary>The torch runtime could not be loaded or the requested device is not available.</summary>
public sealed class TorchRuntimeException(string message) : DeepDreamException(message);
