using System.Reflection;

namespace DeepDream.Packages;

/// <summary>
/// Versions of the native packages DeepDream installs on first use, which must match what it was built against: set
/// once, in Directory.Packages.props, and built into this assembly (<c>AssemblyMetadata</c> in DeepDream.Core.csproj).
/// </summary>
internal static class PackageVersions
{
    /// <summary>OpenCvSharp's version (<c>OpenCvSharpVersion</c>), which its native runtime must match.</summary>
    public static string OpenCvSharp { get; } = Read("OpenCvSharpVersion");

    /// <summary>libtorch's version (<c>LibTorchVersion</c>), which TorchSharp's native library was built against.</summary>
    public static string LibTorch { get; } = Read("LibTorchVersion");

    private static string Read(string key) =>
        typeof(PackageVersions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;
}
