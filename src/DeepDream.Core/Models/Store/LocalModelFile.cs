using DeepDream.Import.Graph;
using DeepDream.Models.Catalog;

namespace DeepDream.Models.Store;

/// <summary>
/// A model file or folder on disk, imported and recognised: a file whose size and SHA-256 are pinned in the
/// catalog is that catalog model; otherwise an entry named with <c>--as</c>, otherwise the entry whose layout the
/// graph has. Its preprocessing comes from the options, else a sidecar file, else the entry.
/// </summary>
internal sealed record LocalModelFile(
    string ModelPath, string IdentifyingFile, FileDigest Digest, GraphDescription Graph, CatalogEntry? Entry, bool IsCatalogFile, Preprocessing Preprocessing)
{
    /// <param name="preprocessingNeeded">
    /// False where only the graph's structure is wanted (layer names and shapes): a file of unknown preprocessing
    /// then gets <see cref="Preprocessing.PixelsAsTheyAre"/> instead of an error.
    /// </param>
    public static async Task<LocalModelFile> ReadAsync(
        string path, string? layoutId, PreprocessingOverride? preprocessing, ModelCatalog catalog, CancellationToken cancellation,
        bool preprocessingNeeded = true)
    {
        path = Path.GetFullPath(path);
        var identifying = ModelFileImporter.IdentifyingFile(path);
        var digest = await FileDigest.OfAsync(identifying, cancellation);
        var pinned = catalog.FindBySource(digest.Size, digest.Sha256, layoutId);
        var graph = ModelFileImporter.Import(path, pinned?.Source);
        var entry = pinned?.Entry ?? (layoutId is null ? null : catalog.Find(layoutId)) ?? catalog.RecognizeLayout(graph);
        var own = PreprocessingFile.ReadBeside(path) ?? entry?.Preprocessing;
        var chosen = preprocessing?.ApplyTo(own) ?? own ?? (preprocessingNeeded ? null : Preprocessing.PixelsAsTheyAre)
            ?? throw new PreprocessingException(
                $"{path}: unknown model, so its preprocessing is unknown; write {PreprocessingFile.SidecarPath(path)} " +
                "(e.g. {\"order\": \"rgb\", \"scale\": 0.00392157, \"mean\": [0.485, 0.456, 0.406], \"std\": [0.229, 0.224, 0.225]}) " +
                "or give --color-order, --input-scale, --mean and --std");
        if (PreprocessingFile.Problem(chosen) is { } problem)
            throw new PreprocessingException($"{path}: preprocessing: {problem}");
        return new LocalModelFile(path, identifying, digest, graph, entry, pinned is not null, chosen);
    }

    /// <summary>The model as a definition under <paramref name="id"/>.</summary>
    public ModelDefinition Define(string id, ModelCatalog catalog) =>
        ModelDefinition.Create(id, Entry?.Description ?? $"{Path.GetFileName(ModelPath)} (not in the catalog)", Graph, Preprocessing, Entry, catalog);
}
