namespace DeepDream.Batch;

/// <summary>Progress of a batch run, for display.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Item">The item it happened to.</param>
/// <param name="Position">The item's place in this shard's work, from 1.</param>
/// <param name="Count">How many items this shard has.</param>
/// <param name="Seconds">Time the item took; 0 for <see cref="BatchEventKind.Started"/>.</param>
/// <param name="Error">One-line reason for <see cref="BatchEventKind.Failed"/>; null otherwise.</param>
public sealed record BatchEvent(
    BatchEventKind Kind, BatchItem Item, int Position, int Count, double Seconds, string? Error);
