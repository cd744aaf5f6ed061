using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using DeepDream.Models.Store;

namespace DeepDream.Tests.Models.Store;

public sealed class NpmTarballTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Tarball(params TarEntry[] entries)
    {
        var path = Path.Combine(_folder, "package.tgz");
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var entry in entries) writer.WriteEntry(entry);
        return path;
    }

    private static PaxTarEntry FileEntry(string name, string text) => new(TarEntryType.RegularFile, name)
    {
        DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
    };

    [Fact]
    public void Extracts_only_the_plain_files_of_the_folder()
    {
        var tarball = Tarball(
            FileEntry("package/dist/model/model.json", "{}"),
            FileEntry("package/dist/model/shard.bin", "abc"),
            FileEntry("package/dist/model/nested/other.bin", "no"),
            FileEntry("package/dist/model/../../escape.txt", "no"),
            FileEntry("package/dist/other/model.json", "no"),
            new PaxTarEntry(TarEntryType.SymbolicLink, "package/dist/model/link") { LinkName = "/etc/passwd" });
        var destination = Path.Combine(_folder, "out");

        int files = NpmTarball.ExtractFolder(tarball, "dist/model", destination);

        Assert.Equal(2, files);
        Assert.Equal(["model.json", "shard.bin"], Directory.GetFileSystemEntries(destination).Select(Path.GetFileName).Order());
        Assert.Equal("abc", File.ReadAllText(Path.Combine(destination, "shard.bin")));
        Assert.False(File.Exists(Path.Combine(_folder, "escape.txt")));
    }

    [Fact]
    public void Missing_folder_and_non_tarballs_are_reported()
    {
        var tarball = Tarball(FileEntry("package/README.md", "hi"));
        var notTarball = Path.Combine(_folder, "fake.tgz");
        File.WriteAllText(notTarball, "not gzip at all");

        Assert.Equal($"{tarball}: the package has no files under dist/model",
            Assert.Throws<ModelStoreException>(() => NpmTarball.ExtractFolder(tarball, "dist/model", Path.Combine(_folder, "a"))).Message);
        Assert.StartsWith($"{notTarball}: not a readable npm package",
            Assert.Throws<ModelStoreException>(() => NpmTarball.ExtractFolder(notTarball, "dist/model", Path.Combine(_folder, "b"))).Message);
    }
}
