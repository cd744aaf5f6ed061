using System.Diagnostics;
using DeepDream.Dreaming;

namespace DeepDream.Bench;

/// <summary>Records the wall time of each dream step from the dreamer's per-step progress reports.</summary>
internal sealed class StepTimer : IProgress<DreamProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last;

    public List<double> Milliseconds { get; } = [];

    public void Report(DreamProgress value)
    {
        var now = _clock.Elapsed;
        Milliseconds.Add((now - _last).TotalMilliseconds);
        _last = now;
    }
}
