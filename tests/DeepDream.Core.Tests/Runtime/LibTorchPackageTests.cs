using System.Reflection;
using DeepDream.IO;
using DeepDream.Models.Store;
using DeepDream.Packages;
using DeepDream.Runtime;
using DeepDream.Tests.Packages;
using DeepDream.Tests.Sequences;
using NuGet.Packaging;
using NuGet.Versioning;

namespace DeepDream.Tests.Runtime;

/// <summary>
/// Where libtorch is loaded from: next to the application when it is there, else a package installed on first use
/// into NuGet's global packages folder, from a local folder feed named by a NuGet.Config (a stand-in package with
/// small files), and this machine's real libtorch package from the global packages folder the build restored it into.
/// </summary>
public sealed class LibTorchPackageTests : IDisposable
{
    private const string PackageId = "DeepDream.Test.LibTorch";
    private const string NativePath = "runtimes/linux-x64/native";
    private static readonly string[] Libraries = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];
    private readonly TempFolder _root = new();
    private readonly string _feed, _config, _globalFolder;
    private readonly List<string> _messages = [];

    public LibTorchPackageTests()
    {
        _feed = Path.GetFullPath(_root["feed"]);
        _config = Path.GetFullPath(_root["project"]);
        _globalFolder = _root["global-packages"];
        LocalNuGetFeed.Create(_feed, _config, _globalFolder);
    }

    public void Dispose() => _root.Dispose();

    private string Home => _root["home"];

    private static LibTorchPackage Package => new(PackageId, "1.0.0", NativePath, Libraries);

    /// <summary>Where NuGet extracts the stand-in package (ids are lower-cased there).</summary>
    private string Extracted => Path.Combine(_globalFolder, "deepdream.test.libtorch", "1.0.0");

    private string Natives => Path.Combine(Extracted, "runtimes", "linux-x64", "native");

    private string LockFolder => Path.Combine(Home, "native", ".tmp");

    private IProgress<InstallProgress> Progress => new SynchronousProgress<InstallProgress>(p =>
    {
        lock (_messages) _messages.Add(p.Message);
    });

    private string[] Messages()
    {
        lock (_messages) return [.. _messages];
    }

    /// <summary>Packs <paramref name="files"/> (each holding its own name) as <c>DeepDream.Test.LibTorch 1.0.0</c> into the feed.</summary>
    private void Publish(params string[] files)
    {
        var builder = new PackageBuilder { Id = PackageId, Version = NuGetVersion.Parse("1.0.0"), Description = "a stand-in libtorch" };
        builder.Authors.Add("DeepDream tests");
        foreach (string file in files)
            builder.Files.Add(new PhysicalPackageFile { SourcePath = _root.Write(Path.Combine("content", file), file), TargetPath = $"{NativePath}/{file}" });
        using var package = File.Create(Path.Combine(_feed, $"{PackageId}.1.0.0.nupkg"));
        builder.Save(package);
    }

    /// <summary>Publishes the stand-in package with every library and installs it; returns the libraries' folder.</summary>
    private Task<string> InstallStandInAsync()
    {
        Publish(Libraries);
        return Package.InstallAsync(Home, _config, null, CancellationToken.None);
    }

    [Fact]
    public void The_first_folder_holding_every_library_is_chosen()
    {
        string partial = _root.Write("partial/libtorch_cpu.so");
        foreach (string library in Libraries)
        {
            _root.Write(Path.Combine("first", library));
            _root.Write(Path.Combine("second", library));
        }

        Assert.Equal(_root["first"], Package.FindIn(["", Path.GetDirectoryName(partial)!, _root["missing"], _root["first"], _root["second"]]));
        Assert.Null(Package.FindIn([Path.GetDirectoryName(partial)!, _root["missing"]]));
    }

    [Fact]
    public async Task Installs_from_a_source_into_the_global_packages_folder_once_then_uses_it_without_the_source()
    {
        Publish(Libraries);

        string folder = await Package.InstallAsync(Home, _config, Progress, CancellationToken.None);

        Assert.Equal(Natives, folder);
        Assert.All(Libraries, library => Assert.Equal(library, File.ReadAllText(Path.Combine(folder, library))));
        Assert.True(File.Exists(Path.Combine(Extracted, ".nupkg.metadata")));
        Assert.Equal(
            [$"installing libtorch 1.0.0, torch's native library (first use), from NuGet package {PackageId} 1.0.0",
             $"fetching NuGet package {PackageId}.1.0.0 from test-feed into {_globalFolder}",
             $"installed libtorch in {Natives}"],
            Messages());
        Assert.Empty(Directory.GetFileSystemEntries(LockFolder));

        Directory.Delete(_feed, recursive: true);
        _messages.Clear();
        Assert.Equal(folder, await Package.InstallAsync(Home, _config, Progress, CancellationToken.None));
        Assert.Empty(Messages());
    }

    [Fact]
    public async Task A_package_that_NuGet_did_not_mark_complete_is_fetched_again()
    {
        await InstallStandInAsync();
        // As a killed extraction leaves it: files missing and neither of the markers NuGet writes last.
        File.Delete(Path.Combine(Extracted, ".nupkg.metadata"));
        File.Delete(Path.Combine(Extracted, "deepdream.test.libtorch.1.0.0.nupkg.sha512"));
        File.Delete(Path.Combine(Natives, "libtorch_cpu.so"));

        string folder = await Package.InstallAsync(Home, _config, Progress, CancellationToken.None);

        Assert.Equal("libtorch_cpu.so", File.ReadAllText(Path.Combine(folder, "libtorch_cpu.so")));
        Assert.Contains($"fetching NuGet package {PackageId}.1.0.0 from test-feed into {_globalFolder}", Messages());
    }

    [Fact]
    public async Task A_later_start_finds_the_package_through_its_note_without_asking_NuGet()
    {
        string folder = await InstallStandInAsync();
        // NuGet cannot be asked any more: its configuration no longer parses.
        File.WriteAllText(Path.Combine(_config, "NuGet.Config"), "<configuration>");

        Assert.Equal(folder, await Package.InstallAsync(Home, _config, Progress, CancellationToken.None));
        Assert.Empty(Messages());
    }

    [Fact]
    public async Task A_note_whose_package_changed_or_lost_a_library_is_not_trusted()
    {
        await InstallStandInAsync();
        // NuGet cannot be asked any more: its configuration no longer parses.
        File.WriteAllText(Path.Combine(_config, "NuGet.Config"), "<configuration>");
        File.Delete(Path.Combine(Natives, "libtorch.so"));

        // Each time the start falls back on NuGet, whose configuration no longer parses.
        var lost = await Assert.ThrowsAsync<NuGetPackageException>(() => Package.InstallAsync(Home, _config, null, CancellationToken.None));
        Assert.StartsWith("NuGet configuration:", lost.Message);

        File.WriteAllText(Path.Combine(Natives, "libtorch.so"), "libtorch.so");
        File.SetLastWriteTimeUtc(Path.Combine(Extracted, ".nupkg.metadata"), DateTime.UtcNow.AddMinutes(1));
        var changed = await Assert.ThrowsAsync<NuGetPackageException>(() => Package.InstallAsync(Home, _config, null, CancellationToken.None));
        Assert.StartsWith("NuGet configuration:", changed.Message);
    }

    [Fact]
    public async Task A_global_packages_folder_that_cannot_be_written_is_named_before_any_download()
    {
        Publish(Libraries);
        string blocked = Path.Combine(_root.Write("a-file"), "packages"); // below a file: cannot be created
        LocalNuGetFeed.Create(_feed, _config, blocked);

        var error = await Assert.ThrowsAsync<NuGetPackageException>(() => Package.InstallAsync(Home, _config, Progress, CancellationToken.None));

        Assert.StartsWith($"NuGet's global packages folder {blocked} cannot be written (", error.Message);
        Assert.EndsWith("; make it writable or point NUGET_PACKAGES at a folder that is", error.Message);
        Assert.DoesNotContain(Messages(), m => m.StartsWith("fetching", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_library_cut_short_after_the_install_is_refused_naming_both_sizes()
    {
        await InstallStandInAsync();
        File.WriteAllText(Path.Combine(Natives, "libtorch_cpu.so"), "lib");

        var error = await Assert.ThrowsAsync<NuGetPackageException>(() => Package.InstallAsync(Home, _config, null, CancellationToken.None));

        Assert.Equal(
            $"NuGet package {PackageId} 1.0.0 in {Extracted}: {NativePath}/libtorch_cpu.so is 3 bytes, the package says 15; delete that folder to have it fetched again",
            error.Message);
    }

    [Fact]
    public async Task A_package_without_a_library_is_refused()
    {
        Publish("libc10.so", "libtorch_cpu.so");

        var error = await Assert.ThrowsAsync<NuGetPackageException>(() => Package.InstallAsync(Home, _config, null, CancellationToken.None));

        Assert.Equal($"NuGet package {PackageId} 1.0.0 in {Extracted} lacks {NativePath}/libtorch.so; delete that folder to have it fetched again", error.Message);
    }

    [Fact]
    public async Task A_different_package_in_its_place_in_the_global_packages_folder_is_refused()
    {
        await InstallStandInAsync();
        string nuspec = Path.Combine(Extracted, "deepdream.test.libtorch.nuspec");
        File.WriteAllText(nuspec, File.ReadAllText(nuspec).Replace("<version>1.0.0</version>", "<version>6.6.6</version>", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<NuGetPackageException>(() => Package.InstallAsync(Home, _config, null, CancellationToken.None));

        Assert.Equal($"NuGet package {PackageId}.1.0.0: the package found in {_globalFolder} is {PackageId}.6.6.6", error.Message);
    }

    [Fact]
    public async Task A_package_no_source_has_is_refused_naming_the_source()
    {
        var error = await Assert.ThrowsAsync<NuGetPackageException>(() => Package.InstallAsync(Home, _config, null, CancellationToken.None));

        Assert.Equal($"NuGet package {PackageId}.1.0.0: not in {_feed}", error.Message);
        Assert.False(Directory.Exists(Extracted));
    }

    [Fact]
    public async Task Concurrent_first_uses_fetch_the_package_once()
    {
        Publish(Libraries);

        var folders = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Package.InstallAsync(Home, _config, Progress, CancellationToken.None))));

        Assert.All(folders, folder => Assert.Equal(Natives, folder));
        Assert.Single(Messages(), m => m.StartsWith("fetching NuGet package", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_install_waits_for_one_in_progress_elsewhere_and_can_be_cancelled_while_it_waits()
    {
        Publish(Libraries);
        Directory.CreateDirectory(LockFolder);
        string lockPath = Path.Combine(LockFolder, "deepdream.test.libtorch.1.0.0.lock");
        using var cancellation = new CancellationTokenSource();
        Task<string> waiting;
        using (ExclusiveLock.TryAcquire(lockPath) ?? throw new InvalidOperationException("lock taken"))
        {
            waiting = Package.InstallAsync(Home, _config, Progress, cancellation.Token);
            Assert.Equal(["waiting for another dream that is installing libtorch"], Messages());
            await cancellation.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            Assert.False(Directory.Exists(Extracted));

            _messages.Clear();
            waiting = Package.InstallAsync(Home, _config, Progress, CancellationToken.None);
            Assert.False(waiting.IsCompleted);
        }

        Assert.Equal(Natives, await waiting);
        Assert.Equal("waiting for another dream that is installing libtorch", Messages()[0]);
    }

    [Fact]
    public void This_machines_package_is_libtorch_at_the_version_built_in()
    {
        var package = LibTorchPackage.ForThisMachine()!;

        Assert.Equal(("libtorch-cpu-linux-x64", NativePath), (package.PackageId, package.NativePath));
        Assert.Equal(Libraries, package.Libraries);
        Assert.Equal(PackageVersions.LibTorch, package.Version);
        Assert.Equal("2.10.0", package.Version);
        Assert.Equal(package.Version, typeof(LibTorchPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "LibTorchVersion").Value);
    }

    [Fact]
    public async Task This_machines_package_comes_from_the_global_packages_folder_without_a_source()
    {
        // No package source at all: only the global packages folder (the default one, as for the build) can serve it.
        string offline = Directory.CreateDirectory(_root["offline"]).FullName;
        File.WriteAllText(Path.Combine(offline, "NuGet.Config"), "<configuration><packageSources><clear /></packageSources></configuration>");
        var package = LibTorchPackage.ForThisMachine()!;

        string folder = await package.InstallAsync(Home, offline, Progress, CancellationToken.None);

        Assert.EndsWith(Path.Combine("libtorch-cpu-linux-x64", package.Version, "runtimes", "linux-x64", "native"), folder);
        Assert.InRange(new FileInfo(Path.Combine(folder, "libtorch_cpu.so")).Length, 100_000_000, 1_000_000_000);
        Assert.Empty(Messages());
    }

    [Fact]
    public void A_build_with_libtorch_beside_it_loads_libtorch_from_there()
    {
        TorchRuntime.EnsureLoaded();

        string bundled = LibTorchPackage.ForThisMachine()!.FindIn(NativeTorchLoader.SearchDirectories("linux-x64"))!;
        Assert.NotNull(bundled);
        Assert.Contains($"; libtorch next to the application: {bundled}", TorchRuntime.LoaderStatus);
    }
}
