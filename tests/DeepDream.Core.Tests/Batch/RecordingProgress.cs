using DeepDream.Batch;

namespace DeepDream.Tests.Batch;

/// <summary>Keeps every progress report, synchronously and in order.</summary>
internal sealed class RecordingProgress : IProgress<BatchEvent>
{
    public List<BatchEvent> Events { get; } = [];

    public void Report(BatchEvent value) => Events.Add(value);
}
