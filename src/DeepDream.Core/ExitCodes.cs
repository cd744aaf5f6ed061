namespace DeepDream;

/// <summary>
/// Exit codes of the <c>dream</c> command. They live in the library so that results (such as a batch's) can say
/// which code they stand for, and scripts can rely on one table.
/// </summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Ok = 0;

    /// <summary>The program failed for a reason that is not the user's input (a bug, the runtime, the machine).</summary>
    public const int RuntimeFailure = 1;

    /// <summary>The command line itself is wrong: unknown option, bad option value, missing argument.</summary>
    public const int Usage = 2;

    /// <summary>An input the user named cannot be used: missing, unreadable or not an image, bad model.</summary>
    public const int BadInput = 3;

    /// <summary>A batch finished, but some of its files failed; the rest were written.</summary>
    public const int PartialBatchFailure = 4;

    /// <summary>Stopped by Ctrl-C; 128 + SIGINT, which is what shells report for an interrupted command.</summary>
    public const int Interrupted = 130;
}
