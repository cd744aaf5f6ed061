using System.Diagnostics;
using DeepDream.Pipeline;

namespace DeepDream.Bench;

/// <summary>
/// Records the wall time and the process's CPU time (all threads, user + system) of each dream step from the
/// pipeline's step events. CPU time is the figure that survives a machine shared with other work; with several
/// threads it includes OpenMP's spin-waiting.
/// </summary>
internal sealed class StepTimer : IProgress<DreamEvent>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last;
    private TimeSpan _lastCpu = Environment.CpuUsage.TotalTime;

    public List<double> Milliseconds { get; } = [];

    public List<double> CpuMilliseconds { get; } = [];

    public void Report(DreamEvent value)
    {
        var now = _clock.Elapsed;
        var cpu = Environment.CpuUsage.TotalTime;
        if (value is DreamStep)
        {
            Milliseconds.Add((now - _last).TotalMilliseconds);
            CpuMilliseconds.Add((cpu - _lastCpu).TotalMilliseconds);
        }
        if (value is DreamStep or DreamPlanned) (_last, _lastCpu) = (now, cpu);
    }
}
