using DeepDream.Models;

namespace DeepDream.Cli;

/// <summary>An opened network, what it is, how to load it again (see <see cref="Pipeline.DreamPipeline.ModelSource"/>), and how long it took to load.</summary>
public sealed record LoadedModel(IDreamNetwork Network, string Description, string Source, double LoadSeconds) : IDisposable
{
    public void Dispose() => Network.Dispose();
}
