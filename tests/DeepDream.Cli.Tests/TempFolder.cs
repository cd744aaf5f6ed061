namespace DeepDream.Tests;

/// <summary>A scratch folder removed after the test.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("deepdream-cli-").FullName;

    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <summary>Copies a photo from the repo's samples/ folder into this folder.</summary>
    public string Sample(string name)
    {
        var target = this[name];
        File.Copy(System.IO.Path.Combine(RepoRoot, "samples", name), target);
        return target;
    }

    public IReadOnlyList<string> Files() => Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).ToList()!;

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "DeepDream.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
