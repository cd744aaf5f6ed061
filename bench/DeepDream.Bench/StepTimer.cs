using System.Diagnostics;
using DeepDream.Pipeline;

namespace DeepDream.Bench;

/// <summary>Records the wall time of each dream step from the pipeline's step events.</summary>
internal sealed class StepTimer : IProgress<DreamEvent>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last;

    public List<double> Milliseconds { get; } = [];

    public void Report(DreamEvent value)
    {
        var now = _clock.Elapsed;
        if (value is DreamStep) Milliseconds.Add((now - _last).TotalMilliseconds);
        if (value is DreamStep or DreamPlanned) _last = now;
    }
}
