namespace DeepDream.Models.Store;

/// <summary>Choices for installing a model file by hand.</summary>
public sealed record InstallOptions
{
    /// <summary>
    /// The id to install under (<c>--as</c>). When it names a catalog model, that entry's preprocessing and layer
    /// names apply (e.g. <c>--as googlenet-torchvision</c> for a torchvision export).
    /// </summary>
    public string? Id { get; init; }

    /// <summary>Preprocessing given on the command line; each value set wins over a sidecar file and the catalog.</summary>
    public PreprocessingOverride? Preprocessing { get; init; }
}
