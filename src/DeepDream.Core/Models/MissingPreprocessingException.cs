namespace DeepDream.Models;

/// <summary>A model file the catalog doesn't know, given without its preprocessing: the user must say how to feed it.</summary>
public sealed class MissingPreprocessingException(string message) : DeepDreamException(message);
