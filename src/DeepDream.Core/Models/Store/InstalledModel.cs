using System.Text.Json.Serialization;

namespace DeepDream.Models.Store;

/// <summary>What the store knows of an installed model: its <c>manifest.json</c>.</summary>
public sealed record InstalledModel
{
    public const int CurrentFormatVersion = 1;

    public required string Id { get; init; }

    /// <summary>The catalog entry whose layout the model has, if any.</summary>
    public string? CatalogId { get; init; }

    public required string Description { get; init; }

    /// <summary>Where it was installed from: npm package, URL or local path.</summary>
    public required string Source { get; init; }

    /// <summary>The file the model was converted from (for a TF.js folder, its model file).</summary>
    public required string SourceFile { get; init; }

    public required long SourceSize { get; init; }

    public required string SourceSha256 { get; init; }

    public string? License { get; init; }

    public required Preprocessing Preprocessing { get; init; }

    /// <summary>Friendly layer name → graph tensor name, resolved at install time.</summary>
    public required IReadOnlyDictionary<string, string> LayerAliases { get; init; }

    public required IReadOnlyList<string> RecommendedLayers { get; init; }

    public string? Notes { get; init; }

    /// <summary>What the importer changed so that a graph exported for one input size runs at any size (empty: nothing).</summary>
    public IReadOnlyList<string> SizeRewrites { get; init; } = [];

    public required DateTimeOffset InstalledAt { get; init; }

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The model's folder in the store (not written to the manifest).</summary>
    [JsonIgnore]
    public string Folder { get; init; } = "";
}
