namespace DeepDream.Models;

/// <summary>A model's preprocessing is missing (a model file the catalog doesn't know) or invalid: the user must say how to feed it.</summary>
public sealed class PreprocessingException(string message) : DeepDreamException(message);
