namespace DeepDream.Batch;

/// <summary>One input file of a batch.</summary>
/// <param name="SourcePath">Absolute path of the input file.</param>
/// <param name="RelativePath">
/// Where the input sits below the folder, glob base or list file it was found through, with '/' separators and no
/// "..". The output keeps this layout under the output folder, and sharding hashes it, so it must not depend on the
/// machine or the current directory.
/// </param>
public sealed record BatchItem(string SourcePath, string RelativePath);
