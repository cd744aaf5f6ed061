namespace DeepDream.Tests;

/// <summary>
/// The tests' one scratch folder: fresh under the system temp folder, deleted with everything in it on dispose.
/// It converts to its path, so it can be passed wherever a folder path is expected.
/// </summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Absolute path of the folder.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("deepdream-tests-").FullName;

    /// <summary>Full path of <paramref name="relative"/> inside this folder (nothing is created).</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>The repository's root (where DeepDream.sln is), for samples/ and fixtures.</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "DeepDream.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    public static implicit operator string(TempFolder folder) => folder.Path;

    /// <summary>The path, so the folder reads as one in strings and messages.</summary>
    public override string ToString() => Path;

    /// <summary>Writes a text file (creating its folders) and returns its full path.</summary>
    public string Write(string relative, string content = "pixels") => Write(relative, System.Text.Encoding.UTF8.GetBytes(content));

    /// <summary>Writes a file (creating its folders) and returns its full path.</summary>
    public string Write(string relative, byte[] content)
    {
        string path = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Copies a photo from the repository's samples/ folder into this folder and returns its path.</summary>
    public string Sample(string name)
    {
        var target = this[name];
        File.Copy(System.IO.Path.Combine(RepoRoot, "samples", name), target);
        return target;
    }

    /// <summary>Names of the entries directly in the folder, hidden ones included, in ordinal order.</summary>
    public string[] Entries() =>
        Directory.EnumerateFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
