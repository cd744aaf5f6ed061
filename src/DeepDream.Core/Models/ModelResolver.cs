using DeepDream.Models.Catalog;
using DeepDream.Models.Store;

namespace DeepDream.Models;

/// <summary>
/// Chooses the model a command runs on: <c>--model</c> (an installed id, a catalog id, or a path to an ONNX file or
/// TF.js model), else <c>$DEEPDREAM_MODEL</c> (same forms), else the best installed catalog model (GoogLeNet before
/// ResNet-18, then InceptionV3), else — on first use — installs the default (ResNet-18, through NuGet) and says so through the progress reporter.
/// A model that was asked for and cannot be had is an error; another model is never substituted.
/// </summary>
public sealed class ModelResolver(ModelStore store, IProgress<InstallProgress>? progress = null)
{
    public const string ModelVariable = "DEEPDREAM_MODEL";

    /// <param name="requested">The <c>--model</c> value, or null.</param>
    /// <param name="preprocessing">Preprocessing from the command line; overrides the model's own.</param>
    /// <param name="cancellation">Stops a first-use installation.</param>
    /// <param name="preprocessingNeeded">
    /// False where only layer names and shapes are wanted: a model file of unknown preprocessing is then no error.
    /// </param>
    public async Task<ModelDefinition> ResolveAsync(
        string? requested, PreprocessingOverride? preprocessing = null, CancellationToken cancellation = default, bool preprocessingNeeded = true)
    {
        if (!string.IsNullOrWhiteSpace(requested)) return await ResolveNamedAsync(requested, "--model", preprocessing, preprocessingNeeded, cancellation);
        var fromEnvironment = Environment.GetEnvironmentVariable(ModelVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return await ResolveNamedAsync(fromEnvironment, ModelVariable, preprocessing, preprocessingNeeded, cancellation);
        if (BestInstalled() is { } best) return Override(store.Load(best.Id), preprocessing);

        var fallback = store.Catalog.Default;
        var from = fallback.Sources.Count > 0 ? $" from {fallback.Sources[0].Description}" : "";
        progress?.Report(new InstallProgress($"no model installed yet: installing the default model {fallback.Id}{from} into {store.Root} (once)"));
        await store.InstallAsync(fallback.Id, progress: progress, cancellation: cancellation);
        return Override(store.Load(fallback.Id), preprocessing);
    }

    private async Task<ModelDefinition> ResolveNamedAsync(
        string name, string origin, PreprocessingOverride? preprocessing, bool preprocessingNeeded, CancellationToken cancellation)
    {
        if (File.Exists(name) || Directory.Exists(name))
        {
            var local = await LocalModelFile.ReadAsync(name, null, preprocessing, store.Catalog, cancellation, preprocessingNeeded);
            var id = local.IsCatalogFile ? local.Entry!.Id : Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(local.ModelPath));
            return local.Define(id, store.Catalog);
        }
        if (store.Find(name) is { } installed) return Override(store.Load(installed.Id), preprocessing);
        if (store.Catalog.Find(name) is { } entry)
        {
            // Another file of the same network (say googlenet-9.onnx instead of googlenet-12.onnx) serves as well.
            if (InstalledLike(entry) is { } sameLayout)
            {
                progress?.Report(new InstallProgress($"using {sameLayout.Id}, an installed {entry.Family} file laid out like {entry.Id}"));
                return Override(store.Load(sameLayout.Id), preprocessing);
            }
            progress?.Report(new InstallProgress($"model {entry.Id} is not installed yet: installing it now"));
            await store.InstallAsync(entry.Id, progress: progress, cancellation: cancellation);
            return Override(store.Load(entry.Id), preprocessing);
        }
        var installedIds = store.List().Select(m => m.Id).ToList();
        throw new UnknownModelException(
            $"{origin} {name}: not an installed model ({(installedIds.Count == 0 ? "none installed" : string.Join(", ", installedIds))}), " +
            $"a known model ({string.Join(", ", store.Catalog.Entries.Select(e => e.Id))}) or an existing model file");
    }

    /// <summary>
    /// The installed model of the highest-ranking catalog layout; the catalog's own file (installed under the
    /// catalog id) before other files of the same network.
    /// </summary>
    private InstalledModel? BestInstalled() =>
        store.List()
            .Where(model => model.CatalogId is not null)
            .Select(model => (Model: model, Entry: store.Catalog.Find(model.CatalogId!)))
            .Where(pair => pair.Entry is not null)
            .OrderByDescending(pair => pair.Entry!.Preference)
            .ThenByDescending(pair => pair.Model.Id == pair.Model.CatalogId)
            .ThenBy(pair => pair.Model.Id, StringComparer.Ordinal)
            .Select(pair => pair.Model)
            .FirstOrDefault();

    /// <summary>An installed model laid out like <paramref name="entry"/>, the catalog's own file first.</summary>
    private InstalledModel? InstalledLike(CatalogEntry entry) =>
        store.List()
            .Where(model => model.CatalogId == entry.Id)
            .OrderByDescending(model => model.Id == entry.Id)
            .ThenBy(model => model.Id, StringComparer.Ordinal)
            .FirstOrDefault();

    private static ModelDefinition Override(ModelDefinition model, PreprocessingOverride? preprocessing)
    {
        if (preprocessing is null) return model;
        var applied = preprocessing.ApplyTo(model.Preprocessing);
        if (PreprocessingFile.Problem(applied) is { } problem)
            throw new PreprocessingException($"preprocessing options: {problem}");
        return model with { Preprocessing = applied };
    }
}
