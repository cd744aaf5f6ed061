namespace DeepDream.Tests.Batch;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "deepdream-batch-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Full path of <paramref name="relative"/> inside this folder.</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes a file (creating its folders) and returns its full path.</summary>
    public string Write(string relative, string content = "pixels")
    {
        string path = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
