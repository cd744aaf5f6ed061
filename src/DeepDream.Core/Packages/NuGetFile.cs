namespace DeepDream.Packages;

/// <summary>One file inside a NuGet package, as <see cref="NuGetPackages"/> fetches it.</summary>
/// <param name="PackageId">The package's id, e.g. <c>OpenCvSharp4.official.runtime.linux-x64</c>.</param>
/// <param name="Version">Its exact version.</param>
/// <param name="PathInPackage">The file's path inside the package, with forward slashes.</param>
/// <param name="MaxBytes">The most bytes the file may have; a larger one is refused unread past this bound.</param>
public sealed record NuGetFile(string PackageId, string Version, string PathInPackage, long MaxBytes)
{
    /// <summary>How messages name the file: package, version and path.</summary>
    public string Description => $"NuGet package {PackageId} {Version}, {PathInPackage}";
}
