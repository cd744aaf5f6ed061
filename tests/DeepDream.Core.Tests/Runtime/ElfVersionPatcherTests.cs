using DeepDream.Runtime;

namespace DeepDream.Tests.Runtime;

/// <summary>The GLIBCXX fix, checked on the very library TorchSharp ships.</summary>
public sealed class ElfVersionPatcherTests
{
    private static readonly string ShippedLibrary =
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    [Fact]
    public void Finds_the_glibcxx_requirements_of_the_shipped_library()
    {
        var needs = ElfVersionPatcher.ReadVersionNeeds(File.ReadAllBytes(ShippedLibrary));
        var newest = Assert.Single(needs, n => n.Version == "GLIBCXX_3.4.32");
        Assert.Equal("libstdc++.so.6", newest.File);
        Assert.False(newest.Weak);
        Assert.Contains(needs, n => n.Version == "GLIBC_2.2.5");
    }

    [Fact]
    public void Only_the_stream_init_hook_needs_GLIBCXX_3_4_32()
    {
        var bytes = File.ReadAllBytes(ShippedLibrary);
        var need = ElfVersionPatcher.ReadVersionNeeds(bytes).Single(n => n.Version == "GLIBCXX_3.4.32");
        Assert.Equal(["_ZSt21ios_base_library_initv"], ElfVersionPatcher.SymbolsWithVersion(bytes, need.Index));
    }

    [Fact]
    public void Weakening_changes_exactly_the_flags_of_that_requirement()
    {
        var bytes = File.ReadAllBytes(ShippedLibrary);
        var patched = ElfVersionPatcher.WeakenVersions(bytes, ["GLIBCXX_3.4.32"]);
        var changed = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] != patched[i]).ToList();
        var need = ElfVersionPatcher.ReadVersionNeeds(bytes).Single(n => n.Version == "GLIBCXX_3.4.32");
        Assert.Equal([(int)need.FlagsOffset], changed);
        Assert.True(ElfVersionPatcher.ReadVersionNeeds(patched).Single(n => n.Version == "GLIBCXX_3.4.32").Weak);
        Assert.All(ElfVersionPatcher.ReadVersionNeeds(patched).Where(n => n.Version != "GLIBCXX_3.4.32"), n => Assert.False(n.Weak));
    }

    [Fact]
    public void Refuses_to_weaken_a_version_that_real_symbols_need()
    {
        var bytes = File.ReadAllBytes(ShippedLibrary);
        var error = Assert.Throws<InvalidOperationException>(() => ElfVersionPatcher.WeakenVersions(bytes, ["GLIBCXX_3.4.30"]));
        Assert.Contains("GLIBCXX_3.4.30", error.Message);
        Assert.Throws<InvalidOperationException>(() => ElfVersionPatcher.WeakenVersions(bytes, ["GLIBCXX_9.9"]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(4096)]
    public void Rejects_what_is_not_a_whole_elf_image(int length)
    {
        var bytes = File.ReadAllBytes(ShippedLibrary);
        var prefix = length == 4096 ? bytes[..length] : new byte[length];
        Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.ReadVersionNeeds(prefix));
    }

    [Fact]
    public void The_runtime_loads_and_computes()
    {
        TorchRuntime.EnsureLoaded();
        Assert.StartsWith("loaded ", TorchRuntime.LoaderStatus);
        using var sum = TorchSharp.torch.ones(3, 4).sum();
        Assert.Equal(12f, sum.item<float>());
    }
}
