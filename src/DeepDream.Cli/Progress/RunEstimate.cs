using System.Diagnostics;

namespace DeepDream.Cli.Progress;

/// <summary>
/// The time left for a run of many dreams (a batch, a zoom): the time the dreams so far took per dream, times the
/// dreams left. Items skipped because an earlier run did them cost nothing and are left out.
/// </summary>
internal sealed class RunEstimate
{
    private readonly Stopwatch _item = new();
    private double _finishedSeconds;
    private int _finished;
    private int _position;
    private int _count;

    /// <summary>Item <paramref name="position"/> (from 1) of <paramref name="count"/> starts dreaming.</summary>
    public void Start(int position, int count)
    {
        _position = position;
        _count = count;
        _item.Restart();
    }

    /// <summary>The item that started last is finished (written or failed); nothing when none is running.</summary>
    public void Finish()
    {
        if (!_item.IsRunning) return;
        _finishedSeconds += _item.Elapsed.TotalSeconds;
        _finished++;
        _item.Reset();
    }

    /// <summary>The time left for the whole run while the current item is <paramref name="itemFraction"/> (0-1) done; null before any measure.</summary>
    public TimeSpan? Remaining(double itemFraction)
    {
        double units = _finished + itemFraction;
        if (units <= 0) return null;
        double perItem = (_finishedSeconds + _item.Elapsed.TotalSeconds) / units;
        return TimeSpan.FromSeconds(perItem * (_count - _position + 1 - itemFraction));
    }

    /// <summary>Share of the run's items done, 0-1, counting the current one's progress.</summary>
    public double Fraction(double itemFraction) => _count == 0 ? 1 : (_position - 1 + itemFraction) / _count;
}
