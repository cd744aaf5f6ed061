namespace DeepDream.Import.Graph;

/// <summary>The graph's image input: name and declared shape (-1 where dynamic).</summary>
public sealed record GraphInput(string Name, IReadOnlyList<long> Shape);
