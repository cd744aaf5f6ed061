using DeepDream.Runtime;

namespace DeepDream.Tests.Runtime;

/// <summary>The GLIBCXX fix, checked on the very library TorchSharp ships.</summary>
public sealed class ElfVersionPatcherTests
{
    private static readonly string ShippedLibrary =
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    [Fact]
    public void FindsTheGlibcxxRequirementsOfTheShippedLibrary()
    {
        var needs = ElfVersionPatcher.ReadVersionNeeds(File.ReadAllBytes(ShippedLibrary));
        var newest = Assert.Single(needs, n => n.Version == "GLIBCXX_3.4.32");
        Assert.Equal("libstdc++.so.6", newest.File);
        Assert.False(newest.Weak);
        Assert.Contains(needs, n => n.Version == "GLIBC_2.2.5");
    }

    [Fact]
    public void OnlyTheStreamInitHookNeedsGlibcxx3432()
    {
        var bytes = File.ReadAllBytes(ShippedLibrary);
        var need = ElfVersionPatcher.ReadVersionNeeds(bytes).Single(n => n.Version == "GLIBCXX_3.4.32");
        Assert.Equal(["_ZSt21ios_base_library_initv"], ElfVersionPatcher.SymbolsWithVersion(bytes, need.Index));
    }

    [Fact]
    public void WeakeningChangesExactlyTheFlagsOfThatRequirement()
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
    public void RefusesToWeakenAVersionThatRealSymbolsNeed()
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
    public void RejectsWhatIsNotAWholeElfImage(int length)
    {
        var bytes = File.ReadAllBytes(ShippedLibrary);
        var prefix = length == 4096 ? bytes[..length] : new byte[length];
        Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.ReadVersionNeeds(prefix));
    }

    [Fact]
    public void TheRuntimeLoadsAndComputes()
    {
        TorchRuntime.EnsureLoaded();
        Assert.StartsWith("loaded ", TorchRuntime.LoaderStatus);
        using var sum = TorchSharp.torch.ones(3, 4).sum();
        Assert.Equal(12f, sum.item<float>());
    }
}
