namespace DeepDream.Batch;

/// <summary>
/// A batch input that cannot be used as given: a path that does not exist, a folder or glob with no images, a bad
/// list file, or inputs whose outputs would collide.
/// </summary>
public sealed class BatchInputException(string message) : DeepDreamException(message);
