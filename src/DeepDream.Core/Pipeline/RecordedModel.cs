namespace DeepDream.Pipeline;

/// <summary>The model a dream ran on, as its output records it.</summary>
/// <param name="Name">The network's name (e.g. "inceptionv3").</param>
/// <param name="Source">How to load it again: an installed or catalog model's name, or a model file's full path.</param>
/// <param name="Identity">The network's identity: name, preprocessing and a weights summary (<see cref="Models.IDreamNetwork.Identity"/>).</param>
/// <param name="WeightsSha256">SHA-256 of the weights as loaded, where the network gives one.</param>
public sealed record RecordedModel(string Name, string Source, string Identity, string? WeightsSha256);
