using System.IO.Enumeration;

namespace DeepDream.Batch;

/// <summary>Lists the files below a folder the way a batch wants them found.</summary>
internal static class FolderWalker
{
    /// <summary>
    /// Paths, relative to <paramref name="root"/> with '/' separators, of the files at most
    /// <paramref name="maxDepth"/> folders below it. Hidden files and folders are skipped, as shells skip them;
    /// symbolically linked folders are not entered, so a link loop cannot make the listing endless; and
    /// <paramref name="excludedFolder"/> (the output folder, when it lies inside the input) is not entered, so a
    /// re-run does not take earlier outputs for inputs.
    /// </summary>
    public static IEnumerable<string> RelativeFiles(string root, int maxDepth, string? excludedFolder)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = maxDepth > 0,
            MaxRecursionDepth = maxDepth,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
        };
        return new FileSystemEnumerable<string>(
            root,
            (ref entry) => Path.GetRelativePath(root, entry.ToFullPath()).Replace(Path.DirectorySeparatorChar, '/'),
            options)
        {
            ShouldIncludePredicate = (ref entry) => !entry.IsDirectory,
            ShouldRecursePredicate = (ref entry) =>
                (entry.Attributes & FileAttributes.ReparsePoint) == 0 && entry.ToFullPath() != excludedFolder,
        };
    }
}
