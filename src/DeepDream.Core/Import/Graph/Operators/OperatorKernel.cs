using static TorchSharp.torch;

namespace DeepDream.Import.Graph.Operators;

/// <summary>
/// A node compiled for execution: computes its first output from its inputs (null where an optional input is
/// omitted). It always returns a new tensor handle, never one of its inputs, because the executor disposes
/// each value on its own schedule.
/// </summary>
internal delegate Tensor OperatorKernel(Tensor?[] inputs);
