namespace DeepDream.Batch;

/// <summary>
/// A batch input that cannot be used as given: a path that does not exist, a folder or glob with no images, a bad
/// list file, inputs whose outputs would collide, or an output folder and shard another run is using.
/// </summary>
public sealed class BatchInputException(string message) : DeepDreamException(message);
