namespace DeepDream.Models;

/// <summary>Mean, standard deviation and maximum of one layer's activations.</summary>
public readonly record struct ActivationSummary(double Mean, double Std, double Max);
