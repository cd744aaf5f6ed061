using System.Text;
using DeepDream.IO;

namespace DeepDream.Batch;

/// <summary>Turns the input arguments of <c>dream batch</c> into the list of files to process.</summary>
public static class BatchInputs
{
    /// <summary>Extensions (compared ignoring case) of the files that folders and globs contribute.</summary>
    public static IReadOnlyList<string> ImageExtensions { get; } = [".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif"];

    /// <summary>The largest @list file read: room for a million long paths.</summary>
    public const long MaxListBytes = 256L << 20;

    /// <summary>
    /// Resolves input specs into items, sorted by relative path (ordinal) and without duplicates (the first spec
    /// that names a file decides its relative path). Each spec is one of:
    /// <list type="bullet">
    /// <item>a folder: its image files, relative to it; subfolders too when <paramref name="recursive"/>;</item>
    /// <item>a file: that file, whatever its extension, relative path = its name;</item>
    /// <item>a glob with <c>*</c>, <c>?</c> and <c>**</c> such as <c>photos/**/*.jpg</c>: the image files that
    /// match, relative to the folder before the first wildcard (<paramref name="recursive"/> does not apply; use
    /// <c>**</c>);</item>
    /// <item><c>@list.txt</c>: the files named one per line (blank lines and lines starting with # are ignored),
    /// resolved against the list file's folder; relative to that folder, or just the file name for files outside
    /// it.</item>
    /// </list>
    /// Folders and globs skip hidden files and folders, do not enter symbolically linked folders, and do not enter
    /// <paramref name="outputFolder"/>.
    /// </summary>
    /// <param name="specs">The input arguments, as typed.</param>
    /// <param name="recursive">Whether folder specs include their subfolders.</param>
    /// <param name="outputFolder">The batch's output folder, never searched for inputs; null when not known.</param>
    /// <param name="workingDirectory">What relative specs are relative to; the current directory when null.</param>
    /// <exception cref="BatchInputException">
    /// A spec names nothing that exists, a folder or glob contributes no image file, a list file names a missing
    /// file, or a list file is not a regular file (a FIFO, a device) or is over <see cref="MaxListBytes"/>.
    /// </exception>
    public static IReadOnlyList<BatchItem> Resolve(
        IEnumerable<string> specs, bool recursive, string? outputFolder = null, string? workingDirectory = null)
    {
        string baseDirectory = Path.GetFullPath(workingDirectory ?? Directory.GetCurrentDirectory());
        string? excludedFolder = outputFolder is null
            ? null
            : Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputFolder, baseDirectory));

        var seenSources = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<BatchItem>();
        foreach (string spec in specs)
        {
            items.AddRange(ResolveSpec(spec, recursive, excludedFolder, baseDirectory)
                .Where(item => seenSources.Add(item.SourcePath)));
        }
        return items
            .OrderBy(item => item.RelativePath, StringComparer.Ordinal)
            .ThenBy(item => item.SourcePath, StringComparer.Ordinal)
            .ToList();
    }

    private static IReadOnlyList<BatchItem> ResolveSpec(
        string spec, bool recursive, string? excludedFolder, string baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(spec))
        {
            throw new BatchInputException("an input path is empty");
        }
        if (spec.StartsWith('@'))
        {
            return FromListFile(spec, baseDirectory);
        }

        string fullPath = Path.GetFullPath(spec, baseDirectory);
        if (Directory.Exists(fullPath))
        {
            return FromFolder(spec, fullPath, recursive, excludedFolder);
        }
        if (File.Exists(fullPath))
        {
            return [new BatchItem(fullPath, Path.GetFileName(fullPath))];
        }
        if (GlobPattern.HasWildcards(spec))
        {
            return FromGlob(spec, GlobPattern.Parse(spec, baseDirectory), excludedFolder);
        }
        throw new BatchInputException($"{spec}: no such file or folder");
    }

    private static List<BatchItem> FromFolder(string spec, string folder, bool recursive, string? excludedFolder)
    {
        List<BatchItem> items = FolderWalker.RelativeFiles(folder, recursive ? int.MaxValue : 0, excludedFolder)
            .Where(IsImageFile)
            .Select(relative => new BatchItem(Path.Combine(folder, relative), relative))
            .ToList();
        if (items.Count == 0)
        {
            string where = recursive ? "in this folder or its subfolders" : "in this folder (subfolders not searched)";
            throw new BatchInputException($"{spec}: no image files ({string.Join(' ', ImageExtensions)}) {where}");
        }
        return items;
    }

    private static List<BatchItem> FromGlob(string spec, GlobPattern glob, string? excludedFolder)
    {
        if (!Directory.Exists(glob.BaseFolder))
        {
            throw new BatchInputException($"{spec}: folder {glob.BaseFolder} does not exist");
        }
        List<BatchItem> items = FolderWalker.RelativeFiles(glob.BaseFolder, glob.MaxDepth, excludedFolder)
            .Where(relative => glob.IsMatch(relative) && IsImageFile(relative))
            .Select(relative => new BatchItem(Path.Combine(glob.BaseFolder, relative), relative))
            .ToList();
        if (items.Count == 0)
        {
            throw new BatchInputException($"{spec}: no image files match");
        }
        return items;
    }

    private static List<BatchItem> FromListFile(string spec, string baseDirectory)
    {
        string listPath = Path.GetFullPath(spec[1..], baseDirectory);
        if (!File.Exists(listPath))
        {
            throw new BatchInputException($"{spec}: list file not found");
        }
        string listFolder = Path.GetDirectoryName(listPath)!;

        string text;
        using (var list = RegularFile.Open(listPath, MaxListBytes, "a list file", message => new BatchInputException(message)))
        {
            text = list.ReadAllText(Encoding.UTF8);
        }

        var items = new List<BatchItem>();
        int lineNumber = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            lineNumber++;
            string entry = rawLine.Trim();
            if (entry.Length == 0 || entry.StartsWith('#'))
            {
                continue;
            }
            string fullPath = Path.GetFullPath(entry, listFolder);
            if (!File.Exists(fullPath))
            {
                string problem = Directory.Exists(fullPath) ? "is a folder; list files one per line" : "no such file";
                throw new BatchInputException($"{spec[1..]}:{lineNumber}: {entry}: {problem}");
            }
            items.Add(new BatchItem(fullPath, RelativeToListFolder(fullPath, listFolder)));
        }
        if (items.Count == 0)
        {
            throw new BatchInputException($"{spec}: the list names no files");
        }
        return items;
    }

    /// <summary>A file outside the list's folder keeps only its name: a ".." must never reach the output path.</summary>
    private static string RelativeToListFolder(string fullPath, string listFolder)
    {
        string relative = Path.GetRelativePath(listFolder, fullPath);
        bool outside = relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || Path.IsPathRooted(relative);
        return outside ? Path.GetFileName(fullPath) : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static bool IsImageFile(string path) =>
        ImageExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
}
