using DeepDream.Models.Store;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Packaging.Signing;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace DeepDream.Packages;

/// <summary>
/// Gets one file out of a NuGet package the way .NET restores packages: from the global packages folder when the
/// package was restored before (no network), else from the enabled sources of the user's NuGet.Config files, which
/// also puts the package into the global packages folder for next time. NuGet's client libraries do the work; they
/// check package signatures as the user's NuGet configuration asks.
/// </summary>
/// <param name="configRoot">
/// Where NuGet settings are looked up, as <c>dotnet restore</c> run in that folder would (its NuGet.Config and its
/// parents', then the user's and the machine's).
/// </param>
internal sealed class NuGetPackages(string configRoot)
{
    /// <summary>
    /// Copies <paramref name="file"/> out of its package to <paramref name="destination"/> (a new file), after checking
    /// that the package is the one asked for. A file over <see cref="NuGetFile.MaxBytes"/> is not kept.
    /// </summary>
    /// <exception cref="NuGetPackageException">No source has the package, it is not the one asked for, it lacks the file, or the file is too large.</exception>
    public async Task FetchAsync(NuGetFile file, string destination, IProgress<InstallProgress>? progress, CancellationToken cancellation)
    {
        using var package = await OpenAsync(new PackageIdentity(file.PackageId, NuGetVersion.Parse(file.Version)), progress, cancellation);
        try
        {
            await using var stream = await package.Reader.GetStreamAsync(file.PathInPackage, cancellation);
            await using var copy = new FileStream(destination, FileMode.CreateNew, FileAccess.Write);
            await CopyAtMostAsync(stream, copy, file.MaxBytes, cancellation);
        }
        catch (FileNotFoundException)
        {
            throw new NuGetPackageException($"{file.Description}: the package has no such file");
        }
        if (new FileInfo(destination).Length > file.MaxBytes)
        {
            File.Delete(destination);
            throw new NuGetPackageException($"{file.Description}: larger than {file.MaxBytes} bytes; nothing was installed");
        }
    }

    /// <summary>
    /// The folder in which the package <paramref name="packageId"/> <paramref name="version"/> lies extracted in the
    /// global packages folder (<c>~/.nuget/packages/&lt;id&gt;/&lt;version&gt;/</c>, as a restore leaves it), fetched
    /// from the sources first unless it is complete there already. NuGet extracts under its own lock and marks a
    /// package complete last (<c>.nupkg.sha512</c>, then <c>.nupkg.metadata</c>), so a fetch that was killed or ran
    /// beside another one leaves no package that counts as complete.
    /// </summary>
    /// <exception cref="NuGetPackageException">No source has the package, or it is not the one asked for.</exception>
    public async Task<string> ExtractedAsync(string packageId, string version, IProgress<InstallProgress>? progress, CancellationToken cancellation)
    {
        var identity = new PackageIdentity(packageId, NuGetVersion.Parse(version));
        string globalFolder;
        using (var package = await OpenAsync(identity, progress, cancellation)) globalFolder = package.GlobalFolder;
        return FindExtracted(identity, globalFolder)
            ?? throw new NuGetPackageException($"NuGet package {identity}: fetched, but not extracted into the global packages folder {globalFolder}");
    }

    /// <summary>
    /// Like <see cref="ExtractedAsync"/>, but without fetching: null when the package is not complete in the global
    /// packages folder.
    /// </summary>
    /// <exception cref="NuGetPackageException">The package there is not the one asked for, or NuGet's configuration cannot be read.</exception>
    public string? FindExtracted(string packageId, string version) =>
        FindExtracted(new PackageIdentity(packageId, NuGetVersion.Parse(version)), SettingsUtility.GetGlobalPackagesFolder(LoadSettings()));

    private static string? FindExtracted(PackageIdentity identity, string globalFolder)
    {
        using var package = GlobalPackagesFolderUtility.GetPackage(identity, globalFolder);
        if (package?.PackageReader is not { } reader) return null;
        var found = reader.GetIdentity();
        if (!found.Equals(identity))
            throw new NuGetPackageException($"NuGet package {identity}: the package found in {globalFolder} is {found}");
        return new VersionFolderPathResolver(globalFolder).GetInstallPath(identity.Id, identity.Version);
    }

    /// <summary>The package from the global packages folder, else fetched into it; checked to be the one asked for.</summary>
    private async Task<OpenPackage> OpenAsync(PackageIdentity identity, IProgress<InstallProgress>? progress, CancellationToken cancellation)
    {
        var settings = LoadSettings();
        string globalFolder = SettingsUtility.GetGlobalPackagesFolder(settings);
        var package = GlobalPackagesFolderUtility.GetPackage(identity, globalFolder) is { PackageReader: not null } restored
            ? restored
            : await DownloadAsync(identity, settings, globalFolder, progress, cancellation);
        var opened = new OpenPackage(package, globalFolder);
        var found = await opened.Reader.GetIdentityAsync(cancellation);
        if (found.Equals(identity)) return opened;
        opened.Dispose();
        throw new NuGetPackageException($"NuGet package {identity}: the package found is {found}, not {identity}");
    }

    /// <summary>A package opened by <see cref="OpenAsync"/>, and the global packages folder it was looked for in.</summary>
    private sealed record OpenPackage(DownloadResourceResult Result, string GlobalFolder) : IDisposable
    {
        public PackageReaderBase Reader => Result.PackageReader!;

        public void Dispose() => Result.Dispose();
    }

    private ISettings LoadSettings()
    {
        try
        {
            return Settings.LoadDefaultSettings(configRoot);
        }
        catch (NuGetConfigurationException ex)
        {
            throw new NuGetPackageException($"NuGet configuration: {ex.Message}", ex);
        }
    }

    private static async Task<DownloadResourceResult> DownloadAsync(
        PackageIdentity identity, ISettings settings, string globalFolder, IProgress<InstallProgress>? progress, CancellationToken cancellation)
    {
        var sources = new PackageSourceProvider(settings).LoadPackageSources().Where(s => s.IsEnabled).ToList();
        if (sources.Count == 0)
            throw new NuGetPackageException($"NuGet package {identity}: not in the global packages folder {globalFolder}, and NuGet.Config names no enabled package source");
        EnsureWritable(globalFolder);
        progress?.Report(new InstallProgress($"fetching NuGet package {identity} from {string.Join(", ", sources.Select(s => s.Name))} into {globalFolder}"));
        using var cache = new SourceCacheContext();
        var logger = NullLogger.Instance;
        var context = new PackageDownloadContext(cache) { ClientPolicyContext = ClientPolicyContext.GetClientPolicy(settings, logger) };
        var failures = new List<string>();
        foreach (var source in sources)
        {
            try
            {
                var download = await Repository.Factory.GetCoreV3(source).GetResourceAsync<DownloadResource>(cancellation)
                    ?? throw new InvalidOperationException("not a package source NuGet can download from");
                var result = await download.GetDownloadResourceResultAsync(identity, context, globalFolder, logger, cancellation);
                if (result.Status == DownloadResourceResultStatus.Available && result.PackageReader is not null)
                    return await KeepInGlobalFolderAsync(result, source, identity, globalFolder, context.ClientPolicyContext, logger, cancellation);
                result.Dispose();
                // A download stopped by Ctrl-C reports no package: say it was cancelled, not that the source lacks it.
                cancellation.ThrowIfCancellationRequested();
                failures.Add($"not in {source.Source}");
            }
            catch (Exception ex) when (ex is FatalProtocolException or IOException or InvalidOperationException && !cancellation.IsCancellationRequested)
            {
                failures.Add($"{source.Source}: {ex.Message}");
            }
        }
        throw new NuGetPackageException($"NuGet package {identity}: {string.Join("; ", failures)}");
    }

    /// <summary>
    /// Fails up front, naming the folder, where NuGet could not extract a package into it: NuGet's own error for that
    /// case reads like a network failure ("Error downloading ...").
    /// </summary>
    private static void EnsureWritable(string globalFolder)
    {
        try
        {
            Directory.CreateDirectory(globalFolder);
            using (File.Create(Path.Combine(globalFolder, $".deepdream-write-check-{Guid.NewGuid():N}"), 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NuGetPackageException(
                $"NuGet's global packages folder {globalFolder} cannot be written ({ex.Message}); make it writable or point NUGET_PACKAGES at a folder that is");
        }
    }

    /// <summary>
    /// Local feeds hand out their package as it lies; HTTP sources have put it into the global packages folder
    /// already. Either way it ends up there, as after <c>dotnet restore</c>, so later installs need no source.
    /// </summary>
    private static async Task<DownloadResourceResult> KeepInGlobalFolderAsync(DownloadResourceResult result, PackageSource source,
        PackageIdentity identity, string globalFolder, ClientPolicyContext policy, ILogger logger, CancellationToken cancellation)
    {
        if (GlobalPackagesFolderUtility.GetPackage(identity, globalFolder) is { PackageReader: not null } restored)
        {
            result.Dispose();
            return restored;
        }
        if (result.PackageStream is not { CanSeek: true } stream) return result;
        using (result)
        {
            stream.Position = 0;
            return await GlobalPackagesFolderUtility.AddPackageAsync(source.Source, identity, stream, globalFolder, Guid.Empty, policy, logger, cancellation);
        }
    }

    /// <summary>Copies at most <paramref name="limit"/> + 1 bytes, so an oversized entry is noticed without reading it all.</summary>
    private static async Task CopyAtMostAsync(Stream from, Stream to, long limit, CancellationToken cancellation)
    {
        var buffer = new byte[1 << 16];
        long copied = 0;
        int read;
        while (copied <= limit && (read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit + 1 - copied)), cancellation)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), cancellation);
            copied += read;
        }
    }
}
