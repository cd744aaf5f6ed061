namespace DeepDream.Models;

/// <summary>A model name that is neither installed, nor in the catalog, nor an existing file; the message lists what is.</summary>
public sealed class UnknownModelException(string message) : DeepDreamException(message);
