using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace DeepDream.Runtime;

/// <summary>
/// Makes TorchSharp's native library load where it would not as shipped. Linux: where the system C++ runtime is older
/// than the one it was built against (Debian 12: libstdc++ lacks GLIBCXX_3.4.32), a copy with the missing, harmless
/// version requirements marked weak is cached and handed to TorchSharp through the native-library resolver; where
/// the library loads as shipped, nothing is done. macOS: the OpenMP runtime that libtorch names by Homebrew's path
/// is loaded from the application first. Windows: TorchSharp loads everything itself.
/// </summary>
internal static partial class NativeTorchLoader
{
    private const string LibraryFile = "libLibTorchSharp.so";
    private static readonly Lock Gate = new();
    private static readonly Lock BackgroundGate = new();
    private static bool _done;
    private static string? _defaults;
    private static Task? _background;

    /// <summary>Whether the native library has been loaded in this process.</summary>
    public static bool IsLoaded
    {
        get
        {
            lock (Gate) return _done;
        }
    }

    /// <summary>What the loader did, for diagnostics.</summary>
    public static string Status { get; private set; } = "not loaded";

    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_done) return;
            ApplyDefaults();
            var folder = Load();
            StartupTrace.Mark("native-initialised");
            NativeDefaults.AfterLoad(folder);
            Status += _defaults;
            _done = true;
        }
    }

    /// <summary>
    /// Starts <see cref="EnsureLoaded"/> on a worker thread and returns at once. The environment defaults are set
    /// here, on the caller's thread, because <c>setenv</c> may not run beside other threads' <c>getenv</c>. A
    /// failure is not reported here: the next <see cref="EnsureLoaded"/> tries again and throws it.
    /// </summary>
    /// <remarks>
    /// While libtorch's initialisers run (half a second), the system loader's lock is held: other threads wait in
    /// any library load, in .NET's first call of each native function (its symbol lookup) and in thread start-up.
    /// OpenSSL, which the loader's cache key and the caller's weight digest use, is therefore loaded here first.
    /// </remarks>
    public static void BeginLoad()
    {
        // Not under Gate alone: the load holds it, and a second call must return at once.
        lock (BackgroundGate)
        {
            if (_background is not null) return;
            lock (Gate)
            {
                if (_done) return;
                BindOpenSsl();
                ApplyDefaults();
            }
            _background = Task.Run(EnsureLoaded);
        }
    }

    /// <summary>Makes .NET look up the OpenSSL functions of one-shot and incremental SHA-256 now.</summary>
    private static void BindOpenSsl()
    {
        SHA256.HashData(ReadOnlySpan<byte>.Empty);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(ReadOnlySpan<byte>.Empty);
        hash.GetHashAndReset();
    }

    /// <summary>Waits for a load started by <see cref="BeginLoad"/>, if any, whatever its outcome.</summary>
    public static void WaitForBackgroundLoad()
    {
        Task? background;
        lock (BackgroundGate) background = _background;
        // Its exception, if any, is the next EnsureLoaded's to report.
        background?.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
    }

    private static void ApplyDefaults() => _defaults ??= NativeDefaults.BeforeLoad() + NativeHeap.Configure();

    /// <summary>Loads the native library (Linux: patched if it must be); returns libtorch's folder where known.</summary>
    private static string? Load()
    {
        if (OperatingSystem.IsMacOS()) return PreloadOpenMp();
        if (!OperatingSystem.IsLinux())
        {
            Status = "native library loaded by TorchSharp";
            return null;
        }
        var original = FindNative(LibraryFile, "linux-x64");
        if (original is null)
        {
            Status = $"{LibraryFile} not found next to the application; TorchSharp will search for it";
            return null;
        }
        var folder = Path.GetDirectoryName(original)!;
        string error;
        try
        {
            NativeLibrary.Load(original);
            Status = $"loaded {original}";
            return folder;
        }
        catch (DllNotFoundException ex)
        {
            error = ex.Message;
        }
        var missing = MissingVersionPattern().Matches(error).Select(m => m.Groups[1].Value).Distinct().ToList();
        if (missing.Count == 0)
            throw new TorchRuntimeException($"cannot load {original}: {error}");

        var patched = PatchedCopy(original, missing);
        StartupTrace.Mark("native-patched");
        // The copy lives elsewhere, so load its libtorch dependencies from the package folder first.
        foreach (var dependency in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
        {
            var path = Path.Combine(folder, dependency);
            if (File.Exists(path)) NativeLibrary.Load(path);
        }
        var handle = NativeLibrary.Load(patched);
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (_, name) => name == "LibTorchSharp" ? handle : IntPtr.Zero;
        NativeLibrary.SetDllImportResolver(typeof(TorchSharp.torch).Assembly,
            (name, _, _) => name == "LibTorchSharp" ? handle : IntPtr.Zero);
        Status = $"loaded {patched} (copy of {original} with {string.Join(", ", missing)} marked weak)";
        return folder;
    }

    private static string PatchedCopy(string original, IReadOnlyList<string> missingVersions)
    {
        try
        {
            return PatchedLibraryCache.GetOrCreate(original, missingVersions, Path.Combine(AppPaths.Home, "native"));
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException)
        {
            throw new TorchRuntimeException(
                $"cannot load {original}: the system C++ runtime lacks {string.Join(", ", missingVersions)} ({ex.Message}); install a newer libstdc++");
        }
    }

    /// <summary>
    /// libtorch-cpu-osx-arm64's libtorch_cpu.dylib names its OpenMP runtime by Homebrew's absolute path
    /// (/opt/homebrew/opt/libomp/lib/libomp.dylib), so it fails to load on a Mac without Homebrew's libomp. The package
    /// ships libomp.dylib beside it with that very install name, and dyld satisfies a dependency with an image already
    /// loaded under its install name: loading the shipped copy first is enough. TorchSharp then loads the rest.
    /// </summary>
    private static string? PreloadOpenMp()
    {
        var openMp = FindNative("libomp.dylib", "osx-arm64");
        if (openMp is null || !NativeLibrary.TryLoad(openMp, out _))
        {
            Status = "native library loaded by TorchSharp (no libomp.dylib next to the application)";
            return null;
        }
        Status = $"native library loaded by TorchSharp after {openMp}";
        return Path.GetDirectoryName(openMp);
    }

    /// <summary>
    /// Where the host puts <paramref name="file"/>: the native search folders, next to the application (a
    /// runtime-specific build or tool package), or under runtimes/<paramref name="runtime"/>/native (a portable build).
    /// </summary>
    private static string? FindNative(string file, string runtime)
    {
        var searchDirectories = (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(AppContext.BaseDirectory)
            .Append(Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location) ?? "")
            .Append(Path.Combine(AppContext.BaseDirectory, "runtimes", runtime, "native"));
        return searchDirectories
            .Where(d => d.Length > 0)
            .Select(d => Path.Combine(d, file))
            .FirstOrDefault(File.Exists);
    }

    [GeneratedRegex(@"version [`']([A-Za-z_]+[0-9.]*)' not found")]
    private static partial Regex MissingVersionPattern();
}
