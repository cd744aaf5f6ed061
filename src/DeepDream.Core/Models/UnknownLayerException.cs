namespace DeepDream.Models;

/// <summary>A layer name the active model does not have; the message lists the nearest names.</summary>
public sealed class UnknownLayerException(string message) : DeepDreamException(message);
