namespace DeepDream.Imaging;

/// <summary>
/// Where results go by default, and the one place that decides whether two paths name the same file, whether a path
/// lies inside a folder, and whether an output's folder can take it.
/// </summary>
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

    /// <summary>
    /// True when <paramref name="path"/> lies strictly inside <paramref name="folder"/> (at any depth): compared as
    /// full paths, and also after following symbolic links where both exist.
    /// </summary>
    public static bool IsInside(string path, string folder)
    {
        string fullPath = Path.GetFullPath(path), fullFolder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (StartsWithFolder(fullPath, fullFolder)) return true;
        if (!Path.Exists(fullPath) || !Directory.Exists(fullFolder)) return false;
        return StartsWithFolder(ResolveLinks(fullPath), ResolveFolder(fullFolder));
    }

    /// <summary>Checks that the folder <paramref name="path"/> would be written in exists.</summary>
    /// <exception cref="DreamOutputException">It does not, or it is a file.</exception>
    public static void CheckFolderOf(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
            throw new DreamOutputException(File.Exists(folder)
                ? $"{path}: {folder} is a file, not a folder"
                : $"{path}: folder {folder} does not exist");
    }

    /// <summary>
    /// Checks that <paramref name="folder"/> can be an output folder: a folder already, or creatable because no part of
    /// its path is a file.
    /// </summary>
    /// <exception cref="DreamOutputException">It, or a folder above it, is a file.</exception>
    public static void CheckOutputFolder(string folder)
    {
        for (string? current = Path.GetFullPath(folder); current is not null; current = Path.GetDirectoryName(current))
        {
            if (Directory.Exists(current)) return;
            if (File.Exists(current))
                throw new DreamOutputException(current == Path.GetFullPath(folder)
                    ? $"{folder}: is a file, not a folder"
                    : $"{folder}: {current} is a file, not a folder");
        }
    }

    private static bool StartsWithFolder(string fullPath, string fullFolder) =>
        fullPath.StartsWith(Path.EndsInDirectorySeparator(fullFolder) ? fullFolder : fullFolder + Path.DirectorySeparatorChar, PathComparison);

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
