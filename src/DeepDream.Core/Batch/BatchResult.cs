namespace DeepDream.Batch;

/// <summary>What a batch run did, for its summary and exit code.</summary>
/// <param name="Total">Items in this run's shard.</param>
/// <param name="Done">Items processed and written.</param>
/// <param name="Skipped">Items already done with the same settings by an earlier run.</param>
/// <param name="Failures">Items that failed, in processing order.</param>
/// <param name="Cancelled">Whether cancellation stopped the run before every item was handled.</param>
/// <param name="Seconds">Wall-clock time of the run.</param>
public sealed record BatchResult(
    int Total, int Done, int Skipped, IReadOnlyList<BatchFailure> Failures, bool Cancelled, double Seconds)
{
    public int Failed => Failures.Count;

    /// <summary>Items not attempted because the run was cancelled.</summary>
    public int Remaining => Total - Done - Skipped - Failed;

    /// <summary>
    /// The process exit code for this result: <see cref="ExitCodes.Interrupted"/> when cancelled, otherwise
    /// <see cref="ExitCodes.PartialFailure"/> when any item failed, otherwise <see cref="ExitCodes.Ok"/>.
    /// </summary>
    public int ExitCode =>
        Cancelled ? ExitCodes.Interrupted : Failed > 0 ? ExitCodes.PartialFailure : ExitCodes.Ok;
}
