using System.Runtime.InteropServices;
using DeepDream.IO;
using DeepDream.Models.Store;
using DeepDream.Packages;

namespace DeepDream.Video;

/// <summary>
/// OpenCvSharp's native library (OpenCvSharpExtern) for one runtime, as its NuGet runtime package carries it. The tool
/// ships only the managed wrapper; the library is installed on first use of optical flow under
/// <c>$DEEPDREAM_HOME/native/opencv/</c>, from the NuGet global packages folder or the user's NuGet sources.
/// </summary>
/// <param name="File">The library inside its package.</param>
internal sealed record OpenCvNativePackage(NuGetFile File)
{
    /// <summary>
    /// The most bytes the library may have: the linux-x64 one is 114 MB. A larger file is refused, so a wrong
    /// package cannot fill the disk.
    /// </summary>
    public const long MaxLibraryBytes = 512L << 20;

    private const string WorkFolderName = ".tmp";

    /// <summary>OpenCvSharp's version, which the native library must match (<see cref="PackageVersions.OpenCvSharp"/>).</summary>
    public static string Version => PackageVersions.OpenCvSharp;

    /// <summary>
    /// The package for the machine this runs on, or null where OpenCvSharp publishes none among DeepDream's runtimes.
    /// linux-x64's is served by this project's package source and tried; win-x64's and osx-arm64's are published on
    /// nuget.org under these names but were not tried here.
    /// </summary>
    public static OpenCvNativePackage? ForThisMachine()
    {
        var architecture = RuntimeInformation.ProcessArchitecture;
        if (OperatingSystem.IsLinux() && architecture == Architecture.X64)
            return For("OpenCvSharp4.official.runtime.linux-x64", "runtimes/linux-x64/native/libOpenCvSharpExtern.so");
        if (OperatingSystem.IsWindows() && architecture == Architecture.X64)
            return For("OpenCvSharp4.runtime.win", "runtimes/win-x64/native/OpenCvSharpExtern.dll");
        if (OperatingSystem.IsMacOS() && architecture == Architecture.Arm64)
            return For("OpenCvSharp4.runtime.osx.arm64", "runtimes/osx-arm64/native/libOpenCvSharpExtern.dylib");
        return null;
    }

    private static OpenCvNativePackage For(string packageId, string pathInPackage) =>
        new(new NuGetFile(packageId, Version, pathInPackage, MaxLibraryBytes));

    /// <summary>
    /// The installed library under <paramref name="home"/>, installing it first if it is not there: copied out of the
    /// package into a private folder that is renamed into place when complete, so a killed install leaves nothing
    /// half-written in place, and under a lock, so concurrent first uses fetch it once.
    /// </summary>
    /// <param name="home">DeepDream's cache folder (<see cref="Runtime.AppPaths.Home"/>).</param>
    /// <param name="nuGetConfigRoot">Where NuGet settings are looked up, as <c>dotnet restore</c> in that folder would.</param>
    /// <param name="progress">Told the install's steps; nothing when the library is installed already.</param>
    /// <returns>The library's full path.</returns>
    /// <exception cref="NuGetPackageException">The package cannot be had, lacks the library, or it is too large.</exception>
    /// <exception cref="IOException">The cache folder cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The cache folder cannot be written.</exception>
    public async Task<string> InstallAsync(string home, string nuGetConfigRoot, IProgress<InstallProgress>? progress, CancellationToken cancellation)
    {
        string root = Path.Combine(Path.GetFullPath(home), "native", "opencv");
        string name = $"{File.PackageId.ToLowerInvariant()}.{File.Version}";
        string folder = Path.Combine(root, name);
        string library = Path.Combine(folder, Path.GetFileName(File.PathInPackage));
        if (System.IO.File.Exists(library)) return library;

        string work = Directory.CreateDirectory(Path.Combine(root, WorkFolderName)).FullName;
        using var held = await ExclusiveLock.AcquireAsync(Path.Combine(work, name + ".lock"), cancellation);
        if (System.IO.File.Exists(library)) return library;
        Leftovers.Delete(work, $"{name}.*");
        string staging = Directory.CreateDirectory(Path.Combine(work, $"{name}.{Leftovers.Tag}.{Guid.NewGuid():N}")).FullName;
        try
        {
            progress?.Report(new InstallProgress($"installing OpenCV's native library for optical flow (first use) from {File.Description}"));
            await new NuGetPackages(nuGetConfigRoot).FetchAsync(File, Path.Combine(staging, Path.GetFileName(library)), progress, cancellation);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.Move(staging, folder);
            progress?.Report(new InstallProgress($"installed OpenCV's native library in {folder}"));
            return library;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }
}
