using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using DeepDream.Imaging;
using DeepDream.IO;
using DeepDream.Models.Store;
using DeepDream.Packages;

namespace DeepDream.Runtime;

/// <summary>
/// libtorch's native libraries as a NuGet package carries them. The linux-x64 tool package does not ship them (they
/// would be most of its size, counted three times on disk by the SDK's tool store): where they are not next to the
/// application, they are installed on first use into NuGet's global packages folder, as a restore puts them there,
/// and loaded from that folder.
/// </summary>
/// <param name="PackageId">The package, e.g. <c>libtorch-cpu-linux-x64</c>.</param>
/// <param name="Version">Its exact version: the libtorch TorchSharp's native library was built against.</param>
/// <param name="NativePath">The folder inside the package that holds the libraries, with forward slashes.</param>
/// <param name="Libraries">The libraries DeepDream loads, in load order (each may need those before it).</param>
internal sealed record LibTorchPackage(string PackageId, string Version, string NativePath, IReadOnlyList<string> Libraries)
{
    private const string WorkFolderName = ".tmp";
    private const int MaxNoteBytes = 64 << 10;

    /// <summary>How NuGet names the package's files in the global packages folder: lower-case id and version.</summary>
    private string FileStem => $"{PackageId.ToLowerInvariant()}.{Version}";

    /// <summary><see cref="NativePath"/> with this system's separators.</summary>
    private string LocalNativePath => NativePath.Replace('/', Path.DirectorySeparatorChar);

    /// <summary>How messages name the package: id and version.</summary>
    public string Description => $"NuGet package {PackageId} {Version}";

    /// <summary>
    /// The CPU package for the machine this runs on where DeepDream installs libtorch on first use, else null: only
    /// linux-x64's tool package leaves libtorch out (the others were only built here, never run, so they keep it).
    /// </summary>
    public static LibTorchPackage? ForThisMachine() =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64
            ? new LibTorchPackage("libtorch-cpu-linux-x64", PackageVersions.LibTorch, "runtimes/linux-x64/native", ["libc10.so", "libtorch_cpu.so", "libtorch.so"])
            : null;

    /// <summary>The first of <paramref name="folders"/> that holds every one of <see cref="Libraries"/>, or null.</summary>
    public string? FindIn(IEnumerable<string> folders) =>
        folders.Where(folder => folder.Length > 0)
            .FirstOrDefault(folder => Libraries.All(library => File.Exists(Path.Combine(folder, library))));

    /// <summary>
    /// The folder holding the libraries in the package as NuGet extracted it into the global packages folder, installing
    /// the package first when it is not complete there: fetched from the package sources of the NuGet.Config that
    /// applies in <paramref name="nuGetConfigRoot"/>, under a lock in <paramref name="home"/>, so that concurrent first
    /// uses fetch it once. NuGet marks the package complete only when it is whole, so a killed install is started again.
    /// </summary>
    /// <param name="home">DeepDream's cache folder (<see cref="AppPaths.Home"/>), for the lock.</param>
    /// <param name="nuGetConfigRoot">Where NuGet settings are looked up, as <c>dotnet restore</c> in that folder would.</param>
    /// <param name="progress">Told the install's steps; nothing when the package is there already.</param>
    /// <returns>The full path of the folder holding <see cref="Libraries"/>.</returns>
    /// <exception cref="NuGetPackageException">The package cannot be had, is not the one asked for, or lacks a library.</exception>
    /// <exception cref="IOException">The lock cannot be taken in <paramref name="home"/>.</exception>
    /// <exception cref="UnauthorizedAccessException">The lock cannot be taken in <paramref name="home"/>.</exception>
    public async Task<string> InstallAsync(string home, string nuGetConfigRoot, IProgress<InstallProgress>? progress, CancellationToken cancellation)
    {
        string note = Path.Combine(Path.GetFullPath(home), "native", $"{FileStem}.location");
        if (Remembered(note) is { } remembered) return remembered;
        var nuget = new NuGetPackages(nuGetConfigRoot);
        if (nuget.FindExtracted(PackageId, Version) is { } restored) return Remember(note, restored);

        string work = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(note)!, WorkFolderName)).FullName;
        string lockPath = Path.Combine(work, $"{FileStem}.lock");
        using var held = ExclusiveLock.TryAcquire(lockPath) ?? await WaitForLockAsync(lockPath, progress, cancellation);
        if (nuget.FindExtracted(PackageId, Version) is { } installed) return Remember(note, installed);
        progress?.Report(new InstallProgress($"installing libtorch {Version}, torch's native library (first use), from {Description}"));
        string folder = Remember(note, await nuget.ExtractedAsync(PackageId, Version, progress, cancellation));
        progress?.Report(new InstallProgress($"installed libtorch in {folder}"));
        return folder;
    }

    /// <summary>
    /// The libraries' folder as a note in DeepDream's home remembers it from the last start, or null when there is no
    /// note or the package is no longer as it was then. Every start needs libtorch's folder before anything else can
    /// run, and asking NuGet costs its configuration files and about 0.1 s of compiling NuGet's code on that critical
    /// path; the note costs a few <c>stat</c>s. It holds the package folder and the size and modification time of
    /// NuGet's completeness markers, the package's manifest and the libraries, so a package fetched again, tampered with or deleted
    /// sends the start back to NuGet (which checks it is the package asked for).
    /// </summary>
    private string? Remembered(string note)
    {
        var file = new FileInfo(note);
        if (!file.Exists || file.Length > MaxNoteBytes) return null;
        var lines = File.ReadAllLines(note, Encoding.UTF8);
        if (lines.Length != 2 || !Path.IsPathFullyQualified(lines[0]) || lines[1] != Fingerprint(lines[0])) return null;
        return FindIn([Path.Combine(lines[0], LocalNativePath)]);
    }

    /// <summary>Checks the package at <paramref name="packageFolder"/> holds the libraries, notes it for the next start, and returns the libraries' folder.</summary>
    private string Remember(string note, string packageFolder)
    {
        string folder = Natives(packageFolder);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(note)!);
            AtomicFile.Write(note, stream => stream.Write(Encoding.UTF8.GetBytes($"{packageFolder}\n{Fingerprint(packageFolder)}\n")));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The note only saves the next start a NuGet lookup; without it the next start asks NuGet again.
        }
        return folder;
    }

    /// <summary>Size and modification time of NuGet's completeness markers, the manifest and the libraries in <paramref name="packageFolder"/> ("" where one is missing).</summary>
    private string Fingerprint(string packageFolder) =>
        string.Join(' ', new[] { ".nupkg.metadata", $"{FileStem}.nupkg.sha512", $"{PackageId.ToLowerInvariant()}.nuspec" }
            .Concat(Libraries.Select(library => Path.Combine(LocalNativePath, library))).Select(name =>
        {
            var file = new FileInfo(Path.Combine(packageFolder, name));
            return file.Exists
                ? string.Create(CultureInfo.InvariantCulture, $"{name}:{file.Length}:{file.LastWriteTimeUtc.Ticks}")
                : "";
        }));

    private static async Task<ExclusiveLock> WaitForLockAsync(string lockPath, IProgress<InstallProgress>? progress, CancellationToken cancellation)
    {
        progress?.Report(new InstallProgress("waiting for another dream that is installing libtorch"));
        return await ExclusiveLock.AcquireAsync(lockPath, cancellation);
    }

    /// <summary>The libraries' folder in the extracted package at <paramref name="packageFolder"/>, checked to hold them all.</summary>
    private string Natives(string packageFolder)
    {
        string folder = Path.Combine(packageFolder, LocalNativePath);
        var missing = Libraries.Where(library => !File.Exists(Path.Combine(folder, library))).ToList();
        if (missing.Count > 0)
            throw new NuGetPackageException(
                $"{Description} in {packageFolder} lacks {string.Join(", ", missing.Select(library => $"{NativePath}/{library}"))}; delete that folder to have it fetched again");
        CheckSizes(packageFolder, folder);
        return folder;
    }

    /// <summary>
    /// Compares each library's size with its entry in the package file that NuGet keeps beside the extracted files
    /// (only the zip's central directory is read): a library cut short after the install would make the system loader
    /// fail with SIGBUS, inside the process, with no message. Where the package file is gone, nothing is compared.
    /// </summary>
    private void CheckSizes(string packageFolder, string folder)
    {
        string packageFile = Path.Combine(packageFolder, $"{FileStem}.nupkg");
        if (!File.Exists(packageFile)) return;
        try
        {
            using var archive = ZipFile.OpenRead(packageFile);
            foreach (string library in Libraries)
            {
                long expected = archive.GetEntry($"{NativePath}/{library}")?.Length ?? -1;
                long actual = new FileInfo(Path.Combine(folder, library)).Length;
                if (expected >= 0 && expected != actual)
                    throw new NuGetPackageException(
                        $"{Description} in {packageFolder}: {NativePath}/{library} is {actual} bytes, the package says {expected}; delete that folder to have it fetched again");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new NuGetPackageException($"{Description} in {packageFolder}: {packageFile} is not a readable package ({ex.Message}); delete that folder to have it fetched again", ex);
        }
    }
}
