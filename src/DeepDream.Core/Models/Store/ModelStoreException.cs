namespace DeepDream.Models.Store;

/// <summary>A model could not be installed, found or removed; the message says what to do instead.</summary>
public sealed class ModelStoreException(string message, Exception? inner = null) : DeepDreamException(message, inner);
