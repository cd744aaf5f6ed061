namespace DeepDream.Import.Graph.Operators;

/// <summary>
/// Reads and checks a node's attributes once, at network construction, and returns the kernel that runs it,
/// so a malformed node fails before the first forward pass.
/// </summary>
internal delegate OperatorKernel OperatorFactory(OperatorContext context);
