using DeepDream.Runtime;

namespace DeepDream.Tests.Runtime;

/// <summary>The cache of the patched TorchSharp library, on a copy of the library TorchSharp ships.</summary>
public sealed class PatchedLibraryCacheTests : IDisposable
{
    private const string Version = "GLIBCXX_3.4.32";
    private readonly TempFolder _folder = new();
    private readonly string _source;

    public PatchedLibraryCacheTests()
    {
        _source = _folder["ship/libLibTorchSharp.so"];
        Directory.CreateDirectory(Path.GetDirectoryName(_source)!);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"), _source);
    }

    private string Cache => _folder["cache"];

    [Fact]
    public void The_first_use_writes_the_patched_library()
    {
        var copy = PatchedLibraryCache.GetOrCreate(_source, [Version], Cache);

        Assert.StartsWith(Cache + Path.DirectorySeparatorChar, copy);
        Assert.Equal("libLibTorchSharp.so", Path.GetFileName(copy));
        Assert.Equal(ElfVersionPatcher.WeakenVersions(File.ReadAllBytes(_source), [Version]), File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_later_use_takes_the_cached_copy_without_patching_again()
    {
        var copy = PatchedLibraryCache.GetOrCreate(_source, [Version], Cache);
        // A mark that a new patch would overwrite.
        File.AppendAllText(copy, "cached");
        var written = File.GetLastWriteTimeUtc(copy);

        Assert.Equal(copy, PatchedLibraryCache.GetOrCreate(_source, [Version], Cache));
        Assert.EndsWith("cached", File.ReadAllText(copy));
        Assert.Equal(written, File.GetLastWriteTimeUtc(copy));
    }

    [Fact]
    public void A_changed_source_gets_a_fresh_copy_of_its_own_bytes()
    {
        var first = PatchedLibraryCache.GetOrCreate(_source, [Version], Cache);
        // A tool update replaces the library: other bytes, another modification time.
        var bytes = File.ReadAllBytes(_source);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(_source, bytes);
        File.SetLastWriteTimeUtc(_source, File.GetLastWriteTimeUtc(first).AddMinutes(1));

        var second = PatchedLibraryCache.GetOrCreate(_source, [Version], Cache);

        Assert.NotEqual(first, second);
        Assert.Equal(ElfVersionPatcher.WeakenVersions(bytes, [Version]), File.ReadAllBytes(second));
    }

    [Fact]
    public void A_source_that_cannot_be_patched_leaves_no_copy()
    {
        Assert.Throws<InvalidOperationException>(() => PatchedLibraryCache.GetOrCreate(_source, ["GLIBCXX_3.4.30"], Cache));
        Assert.False(Directory.Exists(Cache) && Directory.EnumerateFiles(Cache, "*", SearchOption.AllDirectories).Any());
    }

    public void Dispose() => _folder.Dispose();
}
