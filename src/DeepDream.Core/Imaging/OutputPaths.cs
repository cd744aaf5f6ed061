namespace DeepDream.Imaging;

/// <summary>Where results go by default, and whether two paths name the same file.</summary>
public static class OutputPaths
{
    /// <summary>
    /// <c>photo.dream.jpg</c> next to <c>photo.jpg</c>. <paramref name="extension"/> (".png" or "png") picks another
    /// format; without it the input's extension is kept when it can be written, else the result is a PNG.
    /// </summary>
    public static string DefaultFor(string input, string? extension = null)
    {
        string suffix = extension is null
            ? (ImageFile.TryGetFormat(input, out _) ? Path.GetExtension(input) : ".png")
            : "." + extension.TrimStart('.');
        string name = Path.GetFileNameWithoutExtension(input) + ".dream" + suffix;
        return Path.Combine(Path.GetDirectoryName(input) ?? "", name);
    }

    /// <summary>
    /// True when <paramref name="a"/> and <paramref name="b"/> lead to the same file: equal full paths, or, when both
    /// exist, equal after following symbolic links. (Hard links are not detected.)
    /// </summary>
    public static bool IsSameFile(string a, string b)
    {
        string fullA = Path.GetFullPath(a), fullB = Path.GetFullPath(b);
        if (string.Equals(fullA, fullB, PathComparison)) return true;
        if (!File.Exists(fullA) || !File.Exists(fullB)) return false;
        return string.Equals(ResolveLinks(fullA), ResolveLinks(fullB), PathComparison);
    }

    private static StringComparison PathComparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The path with its folder and file symbolic links followed.</summary>
    private static string ResolveLinks(string fullPath)
    {
        string folder = ResolveFolder(Path.GetDirectoryName(fullPath)!);
        string file = Path.Combine(folder, Path.GetFileName(fullPath));
        return new FileInfo(file).ResolveLinkTarget(returnFinalTarget: true) is { } target
            ? ResolveLinks(target.FullName)
            : file;
    }

    private static string ResolveFolder(string fullPath)
    {
        string? parent = Path.GetDirectoryName(fullPath);
        if (parent is null) return fullPath; // the root
        string folder = Path.Combine(ResolveFolder(parent), Path.GetFileName(fullPath));
        return new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true) is { } target
            ? ResolveFolder(target.FullName)
            : folder;
    }
}
