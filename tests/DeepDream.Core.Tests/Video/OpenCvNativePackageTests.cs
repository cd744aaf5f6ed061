using System.Reflection;
using System.Text.RegularExpressions;
using DeepDream.Models.Store;
using DeepDream.Packages;
using DeepDream.Tests.Packages;
using DeepDream.Tests.Sequences;
using DeepDream.Video;
using NuGet.Packaging;
using NuGet.Versioning;
using OpenCvSharp;

namespace DeepDream.Tests.Video;

/// <summary>
/// OpenCV's native library installed on first use: from a local folder feed named by a NuGet.Config (a stand-in
/// package), and this machine's real runtime package from the global packages folder, where the test project's
/// reference put it.
/// </summary>
public sealed class OpenCvNativePackageTests : IDisposable
{
    private const string PackageId = "DeepDream.Test.Native";
    private const string PathInPackage = "runtimes/linux-x64/native/libtest.so";
    private readonly TempFolder _root = new();
    private readonly string _feed, _config;
    private readonly List<string> _messages = [];

    public OpenCvNativePackageTests()
    {
        _feed = Path.GetFullPath(_root["feed"]);
        _config = Path.GetFullPath(_root["project"]);
        LocalNuGetFeed.Create(_feed, _config, _root["global-packages"]);
    }

    public void Dispose() => _root.Dispose();

    private string Home => _root["home"];

    private string Installed => Path.Combine(Home, "native", "opencv", "deepdream.test.native.1.0.0", "libtest.so");

    private IProgress<InstallProgress> Progress => new SynchronousProgress<InstallProgress>(p =>
    {
        lock (_messages) _messages.Add(p.Message);
    });

    /// <summary>Packs <paramref name="library"/> at <paramref name="path"/> as <c>DeepDream.Test.Native 1.0.0</c> into the feed.</summary>
    private void Publish(byte[] library, string path = PathInPackage)
    {
        string file = _root.Write("library.so", library);
        var builder = new PackageBuilder { Id = PackageId, Version = NuGetVersion.Parse("1.0.0"), Description = "a stand-in native runtime" };
        builder.Authors.Add("DeepDream tests");
        builder.Files.Add(new PhysicalPackageFile { SourcePath = file, TargetPath = path });
        using var package = File.Create(Path.Combine(_feed, $"{PackageId}.1.0.0.nupkg"));
        builder.Save(package);
    }

    private static OpenCvNativePackage Package(long maxBytes = 1024) => new(new NuGetFile(PackageId, "1.0.0", PathInPackage, maxBytes));

    private void AssertNothingInstalled()
    {
        Assert.False(Directory.Exists(Path.GetDirectoryName(Installed)));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(Home, "native", "opencv", ".tmp")));
    }

    [Fact]
    public async Task Installs_from_a_source_once_then_uses_the_installed_library_without_it()
    {
        byte[] library = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        Publish(library);

        string path = await Package().InstallAsync(Home, _config, Progress, CancellationToken.None);

        Assert.Equal(Installed, path);
        Assert.Equal(library, File.ReadAllBytes(path));
        Assert.Equal(
            [$"installing OpenCV's native library for optical flow (first use) from NuGet package {PackageId} 1.0.0, {PathInPackage}",
             $"fetching NuGet package {PackageId}.1.0.0 from test-feed into {_root["global-packages"]}",
             $"installed OpenCV's native library in {Path.GetDirectoryName(Installed)}"],
            _messages);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(Home, "native", "opencv", ".tmp")));

        Directory.Delete(_feed, recursive: true);
        _messages.Clear();
        Assert.Equal(path, await Package().InstallAsync(Home, _config, Progress, CancellationToken.None));
        Assert.Empty(_messages);
    }

    [Fact]
    public async Task Concurrent_first_uses_fetch_the_package_once()
    {
        Publish(new byte[500]);

        var paths = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Package().InstallAsync(Home, _config, Progress, CancellationToken.None))));

        Assert.All(paths, path => Assert.Equal(Installed, path));
        Assert.Single(_messages, m => m.StartsWith("fetching NuGet package", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_library_over_the_bound_is_refused_and_nothing_is_installed()
    {
        Publish(new byte[2000]);

        var error = await Assert.ThrowsAsync<NuGetPackageException>(() => Package(maxBytes: 1024).InstallAsync(Home, _config, null, CancellationToken.None));

        Assert.Equal($"NuGet package {PackageId} 1.0.0, {PathInPackage}: larger than 1024 bytes; nothing was installed", error.Message);
        AssertNothingInstalled();
    }

    [Fact]
    public async Task A_package_without_the_library_is_refused_and_nothing_is_installed()
    {
        Publish(new byte[10], "runtimes/linux-x64/native/libother.so");

        var error = await Assert.ThrowsAsync<NuGetPackageException>(() => Package().InstallAsync(Home, _config, null, CancellationToken.None));

        Assert.Equal($"NuGet package {PackageId} 1.0.0, {PathInPackage}: the package has no such file", error.Message);
        AssertNothingInstalled();
    }

    [Fact]
    public async Task This_machines_runtime_comes_from_the_global_packages_folder_at_the_wrappers_version()
    {
        // No package source at all: only the global packages folder (the default one, as for the build) can serve it.
        string offline = Directory.CreateDirectory(_root["offline"]).FullName;
        File.WriteAllText(Path.Combine(offline, "NuGet.Config"),
            "<configuration><packageSources><clear /></packageSources></configuration>");
        var package = OpenCvNativePackage.ForThisMachine()!;

        string path = await package.InstallAsync(Home, offline, Progress, CancellationToken.None);

        Assert.Equal("OpenCvSharp4.official.runtime.linux-x64", package.File.PackageId);
        Assert.Matches($"^{Regex.Escape(package.File.Version)}([-+]|$)",
            typeof(Cv2).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion);
        Assert.Equal(Path.Combine(Home, "native", "opencv", $"opencvsharp4.official.runtime.linux-x64.{package.File.Version}", "libOpenCvSharpExtern.so"), path);
        Assert.InRange(new FileInfo(path).Length, 50_000_000, OpenCvNativePackage.MaxLibraryBytes);
        Assert.DoesNotContain(_messages, m => m.StartsWith("fetching NuGet package", StringComparison.Ordinal));
    }
}
