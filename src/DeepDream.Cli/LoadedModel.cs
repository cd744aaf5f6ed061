using DeepDream.Models;

namespace DeepDream.Cli;

/// <summary>An opened network, what it is, and how long it took to load.</summary>
public sealed record LoadedModel(IDreamNetwork Network, string Description, double LoadSeconds) : IDisposable
{
    public void Dispose() => Network.Dispose();
}
