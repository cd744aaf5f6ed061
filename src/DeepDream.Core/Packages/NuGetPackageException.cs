namespace DeepDream.Packages;

/// <summary>A file could not be had from a NuGet package: the package is nowhere to be found, lacks it, or it is too large.</summary>
public sealed class NuGetPackageException(string message, Exception? inner = null) : DeepDreamException(message, inner);
