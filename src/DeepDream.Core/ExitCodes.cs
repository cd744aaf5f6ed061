namespace DeepDream;

/// <summary>The process exit codes of the <c>dream</c> command; stable, documented in README for scripts.</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Ok = 0;

    /// <summary>A runtime failure: the torch runtime, the device, the model or the disk failed.</summary>
    public const int RuntimeFailure = 1;

    /// <summary>The command line was wrong: unknown option, bad value, conflicting settings.</summary>
    public const int UsageError = 2;

    /// <summary>An input file could not be used: missing, corrupt, not an image, too large.</summary>
    public const int BadInput = 3;

    /// <summary>A batch finished, but some of its files failed (see the summary and manifest).</summary>
    public const int PartialFailure = 4;

    /// <summary>Interrupted (Ctrl-C / SIGTERM); finished work is kept.</summary>
    public const int Interrupted = 130;
}
