using DeepDream.Import.Graph.Operators;

namespace DeepDream.Import.Graph;

/// <summary>A node ready to run: its kernel and the value slots it reads (−1 for an omitted input) and writes.</summary>
internal sealed record CompiledNode(GraphNode Source, OperatorKernel Kernel, int[] InputSlots, int OutputSlot);
