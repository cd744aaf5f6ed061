namespace DeepDream.Models;

/// <summary>
/// One layer as <c>dream layers</c> shows it: its output shape (N×C×H×W) and, for a real image, its activation
/// summary; or why it cannot run at this input size (e.g. a classifier head built for 299×299).
/// </summary>
public sealed record LayerReport(string Layer, IReadOnlyList<long>? Shape, ActivationSummary? Activation, string? Problem);
