namespace DeepDream.Import.Graph;

/// <summary>One node to run, and the value slots whose last reader it is, to free right after it.</summary>
internal sealed record PlanStep(CompiledNode Node, int[] ReleaseAfter);
