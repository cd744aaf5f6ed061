namespace DeepDream.Import.Graph;

/// <summary>One node to run, and the value slots to free right after it: those it is the last reader of (and its own
/// output, when nothing reads it and it is not kept).</summary>
internal sealed record PlanStep(CompiledNode Node, int[] ReleaseAfter);
