using System.Diagnostics;
using System.Globalization;
using DeepDream.Pipeline;

namespace DeepDream.Cli.Progress;

/// <summary>
/// The status line while dreaming: item, octave, step, objective and the time left, redrawn at most ten times a
/// second and always fitted to the terminal's width (the least useful parts go first). The time left weighs each
/// step by its octave's pixel count (<see cref="DreamPlan.FractionDone"/>); in a run of many dreams it adds the
/// whole run's (<see cref="RunEstimate"/>).
/// </summary>
internal sealed class DreamProgressLine(CliConsole console, RunEstimate? run = null) : IProgress<DreamEvent>
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    private readonly Stopwatch _dream = new();
    private DreamPlan? _plan;
    private TimeSpan? _drawn;

    /// <summary>Names the item at the start of the line, e.g. "[3/10] cat.jpg".</summary>
    public string Label { get; set; } = "";

    public void Report(DreamEvent value)
    {
        switch (value)
        {
            case DreamPlanned planned:
                _plan = planned.Plan;
                _dream.Restart();
                _drawn = null;
                break;
            case DreamStep step when _plan is not null:
                bool last = step.Octave == step.OctaveCount && step.Step == step.StepCount;
                if (!last && _drawn is { } drawn && _dream.Elapsed - drawn < RedrawInterval) return;
                _drawn = _dream.Elapsed;
                console.ShowStatus(Compose(step, _plan.FractionDone(step.Octave, step.Step)));
                break;
        }
    }

    private string Compose(DreamStep step, double fraction)
    {
        var eta = fraction > 0 ? TimeSpan.FromSeconds(_dream.Elapsed.TotalSeconds * (1 - fraction) / fraction) : (TimeSpan?)null;
        string essential = $"octave {step.Octave}/{step.OctaveCount}  step {step.Step}/{step.StepCount}  {fraction * 100:F0}%  ETA {Clock(eta)}";
        if (run is not null) essential += $"  |  all {run.Fraction(fraction) * 100:F0}%  ETA {Clock(run.Remaining(fraction))}";
        string details = string.Create(CultureInfo.InvariantCulture, $"  {step.Width}x{step.Height}  objective {step.Objective:G4}");
        return Fit(Label, essential, details, console.StatusWidth);
    }

    /// <summary>
    /// The line within <paramref name="width"/>: the label shortened from the left (a file name's end says most),
    /// then the details dropped, then the essentials cut.
    /// </summary>
    internal static string Fit(string label, string essential, string details, int width)
    {
        string Join(string l) => l.Length == 0 ? essential : $"{l}  {essential}";
        string full = Join(label) + details;
        if (full.Length <= width) return full;
        int room = width - Join("").Length - (label.Length == 0 ? 0 : 2);
        if (room >= 8) return Join(label.Length <= room ? label : "..." + label[^(room - 3)..]);
        return essential.Length <= width ? essential : essential[..width];
    }

    /// <summary>m:ss below an hour, h:mm:ss from an hour on; "?" before there is anything to go by.</summary>
    internal static string Clock(TimeSpan? time) => time switch
    {
        null => "?",
        { TotalHours: >= 1 } t => $"{(int)t.TotalHours}:{t.Minutes:D2}:{t.Seconds:D2}",
        { } t => $"{t.Minutes}:{t.Seconds:D2}",
    };
}
