namespace DeepDream.Batch;

/// <summary>What happened to a batch item.</summary>
public enum BatchEventKind
{
    /// <summary>Processing began.</summary>
    Started,

    /// <summary>The output was written.</summary>
    Done,

    /// <summary>The item failed; the batch goes on.</summary>
    Failed,

    /// <summary>Already done with the same settings by an earlier run.</summary>
    Skipped,
}
