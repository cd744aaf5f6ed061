using DeepDream.Batch;

namespace DeepDream.Sequences;

/// <summary>
/// Passes batch events on and remembers which items have a good output in this run (written now, or done before),
/// so the next frame knows whether it may blend with its predecessor's output.
/// </summary>
internal sealed class FinishedItems(IProgress<BatchEvent>? next) : IProgress<BatchEvent>
{
    private readonly HashSet<BatchItem> _finished = [];

    public bool Contains(BatchItem item) => _finished.Contains(item);

    public void Report(BatchEvent value)
    {
        if (value.Kind is BatchEventKind.Done or BatchEventKind.Skipped) _finished.Add(value.Item);
        next?.Report(value);
    }
}
