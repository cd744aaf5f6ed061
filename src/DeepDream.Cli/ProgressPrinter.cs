using System.Diagnostics;
using DeepDream.Dreaming;

namespace DeepDream.Cli;

/// <summary>
/// Shows octave, step, objective and ETA on one rewritten terminal line. The ETA weighs each step by its octave's
/// pixel count, since a full-size step costs about scale² times a step one octave down.
/// Silent when stderr is not a terminal or --quiet was given, so pipes and logs stay clean (--json output goes to
/// stdout, so a terminal still shows progress on stderr).
/// </summary>
public sealed class ProgressPrinter : IProgress<DreamProgress>
{
    private readonly TextWriter _writer;
    private readonly string _label;
    private readonly double[] _octaveWork;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _lastDraw;

    public ProgressPrinter(TextWriter writer, string label, IReadOnlyList<(int Height, int Width)> octaveSizes, int steps)
    {
        _writer = writer;
        _label = label;
        _octaveWork = octaveSizes.Select(s => (double)s.Height * s.Width * steps).ToArray();
    }

    public void Report(DreamProgress value)
    {
        bool last = value.Octave == value.OctaveCount && value.Step == value.StepCount;
        if (!last && _lastDraw is { } drawn && _clock.Elapsed - drawn < TimeSpan.FromMilliseconds(100)) return;
        _lastDraw = _clock.Elapsed;
        // Octaves too small for the layer are left out of the dream: they are the coarsest ones.
        var work = _octaveWork[Math.Max(0, _octaveWork.Length - value.OctaveCount)..];
        double done = work.Take(value.Octave - 1).Sum() + work[value.Octave - 1] * value.Step / value.StepCount;
        double fraction = done / Math.Max(1, work.Sum());
        var eta = fraction > 0 ? TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds * (1 - fraction) / fraction) : TimeSpan.Zero;
        _writer.Write($"\r{_label}  octave {value.Octave}/{value.OctaveCount} ({value.Width}x{value.Height})  step {value.Step}/{value.StepCount}  objective {value.Objective:G4}  {fraction * 100:F0}%  ETA {eta:m\\:ss}   ");
        if (last) _writer.WriteLine();
        _writer.Flush();
    }
}
