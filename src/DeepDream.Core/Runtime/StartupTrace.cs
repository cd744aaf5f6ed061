namespace DeepDream.Runtime;

/// <summary>
/// Marks the phases of a run on stderr when <c>DEEPDREAM_TRACE_STARTUP=1</c> (bench/startup.sh reads them):
/// one line <c>dream: trace PHASE SECONDS CPU</c> per phase, SECONDS being the wall clock as Unix time (seconds, 6
/// decimals), so that a caller that noted the time before starting the process gets each phase's offset from it, and
/// CPU the process's processor time so far (all threads, user and system, seconds).
/// Off, it costs one environment lookup per process.
/// </summary>
public static class StartupTrace
{
    /// <summary>The variable that turns the trace on.</summary>
    public const string Variable = "DEEPDREAM_TRACE_STARTUP";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Writes that <paramref name="phase"/> (one word) ended now; nothing when the trace is off.</summary>
    public static void Mark(string phase)
    {
        if (!Enabled) return;
        double seconds = (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;
        double cpu = Environment.CpuUsage.TotalTime.TotalSeconds;
        Console.Error.WriteLine(FormattableString.Invariant($"dream: trace {phase} {seconds:F6} {cpu:F6}"));
    }
}
