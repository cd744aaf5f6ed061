namespace DeepDream.Batch;

/// <summary>A batch option whose value cannot be used, such as a malformed <c>--shard</c>.</summary>
public sealed class BatchOptionException(string message) : DeepDreamException(message);
