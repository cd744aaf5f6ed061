namespace DeepDream.Batch;

/// <summary>A batch item that failed, with the one-line reason.</summary>
public sealed record BatchFailure(BatchItem Item, string Error);
