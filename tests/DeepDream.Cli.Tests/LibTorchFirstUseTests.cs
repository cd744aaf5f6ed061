using DeepDream.Tests.Batch;

namespace DeepDream.Tests;

/// <summary>
/// The linux-x64 tool package carries no libtorch: <c>dream</c> then takes it from NuGet's global packages folder,
/// installing it there on first use. Here the CLI's build output is copied without libtorch's libraries, as the tool
/// package lays it out, and run from folders whose NuGet.Config names no package source, so nothing is downloaded.
/// </summary>
public sealed class LibTorchFirstUseTests : IDisposable
{
    /// <summary>libtorch's libraries as the build output holds them (libtorch-cpu-linux-x64's runtimes/linux-x64/native).</summary>
    private static readonly string[] LibTorchFiles =
        ["libc10.so", "libtorch_cpu.so", "libtorch.so", "libgomp-98b21ff3.so.1", "libshm.so", "libtorch_global_deps.so"];

    private readonly TempFolder _temp = new();
    private readonly string _app;

    public LibTorchFirstUseTests()
    {
        _app = _temp["app"];
        Copy(AppContext.BaseDirectory, _app);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>Copies the build output, leaving out libtorch, other runtimes' natives and the tests' fixtures.</summary>
    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            if (!LibTorchFiles.Contains(Path.GetFileName(file))) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            string name = Path.GetFileName(folder);
            if (name == "fixtures") continue;
            if (name == "runtimes") Copy(Path.Combine(folder, "linux-x64"), Path.Combine(to, name, "linux-x64"));
            else Copy(folder, Path.Combine(to, name));
        }
    }

    /// <summary>A folder whose NuGet.Config allows no package source (and, if given, another global packages folder).</summary>
    private string Offline(string? globalPackages = null)
    {
        string folder = Directory.CreateDirectory(_temp["offline"]).FullName;
        string global = globalPackages is null ? "" : $"<config><add key=\"globalPackagesFolder\" value=\"{globalPackages}\" /></config>";
        File.WriteAllText(Path.Combine(folder, "NuGet.Config"), $"<configuration><packageSources><clear /></packageSources>{global}</configuration>");
        return folder;
    }

    private Task<(int ExitCode, string Out, string Error)> Dream(string workingFolder, bool ownGlobalFolder) =>
        DreamProcess.RunAsync([_temp["in.png"], "-o", _temp["out.png"], "--model", "tiny", "--octaves", "1", "--steps", "1"], setup: start =>
        {
            start.ArgumentList[0] = Path.Combine(_app, "dream.dll");
            start.WorkingDirectory = workingFolder;
            start.Environment["DEEPDREAM_HOME"] = _temp["home"];
            if (ownGlobalFolder) start.Environment.Remove("NUGET_PACKAGES");
        });

    [Fact]
    public async Task Without_libtorch_beside_it_dream_loads_the_package_restored_in_the_global_packages_folder()
    {
        Assert.False(File.Exists(Path.Combine(_app, "runtimes", "linux-x64", "native", "libtorch_cpu.so")));
        Assert.True(File.Exists(Path.Combine(_app, "runtimes", "linux-x64", "native", "libLibTorchSharp.so")));
        TestImages.Random(_temp["in.png"], 48, 32, seed: 3);

        // The build restored libtorch-cpu-linux-x64 into the global packages folder this process uses too.
        var run = await Dream(Offline(), ownGlobalFolder: false);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.StartsWith($"wrote {_temp["out.png"]} (48x32, tiny,", run.Out);
    }

    [Fact]
    public async Task Without_libtorch_anywhere_and_no_source_for_it_dream_says_what_it_tried_and_why_it_failed()
    {
        TestImages.Random(_temp["in.png"], 48, 32, seed: 3);
        string empty = Directory.CreateDirectory(_temp["empty-global"]).FullName;

        var run = await Dream(Offline(empty), ownGlobalFolder: true);

        Assert.Equal(ExitCodes.RuntimeFailure, run.ExitCode);
        Assert.Equal(
            "dream: installing libtorch 2.10.0, torch's native library (first use), from NuGet package libtorch-cpu-linux-x64 2.10.0\n"
            + "dream: error: libtorch 2.10.0, torch's native library, cannot be installed (NuGet package libtorch-cpu-linux-x64.2.10.0: "
            + $"not in the global packages folder {empty}, and NuGet.Config names no enabled package source)\n",
            run.Error);
        Assert.False(File.Exists(_temp["out.png"]));
    }
}
