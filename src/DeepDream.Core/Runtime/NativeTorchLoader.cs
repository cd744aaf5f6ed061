using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DeepDream.Models.Store;
using DeepDream.Packages;

namespace DeepDream.Runtime;

/// <summary>
/// Loads TorchSharp's native library and libtorch. Linux: libtorch comes from next to the application (development
/// builds, tests, publish folders, CUDA builds) or, where it is not there (the linux-x64 tool package, which leaves it
/// out), from NuGet's global packages folder, installed there on first use (<see cref="LibTorchPackage"/>); its
/// libraries are loaded by full path before TorchSharp's, which then finds them loaded. Where the system C++ runtime is
/// older than the one TorchSharp's library was built against (Debian 12: libstdc++ lacks GLIBCXX_3.4.32), a copy with
/// the missing, harmless version requirements marked weak is cached and loaded instead. Either library is handed to
/// TorchSharp through the native-library resolver. macOS: the OpenMP runtime that libtorch names by Homebrew's path is
/// loaded from the application first. Windows: TorchSharp loads everything itself.
/// </summary>
internal static partial class NativeTorchLoader
{
    private const string LibraryFile = "libLibTorchSharp.so";
    private const string Runtime = "linux-x64";
    private static readonly Lock Gate = new();
    private static readonly Lock BackgroundGate = new();
    private static bool _done;
    private static string? _defaults;
    private static Task? _background;

    /// <summary>
    /// Whether the native library has been loaded, or its load started, in this process (never waits for a load that
    /// <see cref="BeginLoad"/> started).
    /// </summary>
    public static bool IsStarted
    {
        get
        {
            lock (BackgroundGate)
            {
                if (_background is not null) return true;
            }
            return IsLoaded;
        }
    }

    /// <summary>Whether the native library is loaded (never waits for a load that <see cref="BeginLoad"/> started).</summary>
    public static bool IsLoaded => Volatile.Read(ref _done);

    /// <summary>What the loader did, for diagnostics.</summary>
    public static string Status { get; private set; } = "not loaded";

    /// <summary>
    /// Loads the libraries once per process (installing libtorch first where it must be), or waits for the load that
    /// <see cref="BeginLoad"/> started and throws what it failed with.
    /// </summary>
    /// <param name="progress">Told the steps of a libtorch install, if one is needed now.</param>
    /// <param name="cancellation">Stops a libtorch install in progress (a later load starts it again).</param>
    /// <exception cref="TorchRuntimeException">A library does not load, or libtorch cannot be installed.</exception>
    /// <exception cref="OperationCanceledException">The install was cancelled.</exception>
    public static void EnsureLoaded(IProgress<InstallProgress>? progress = null, CancellationToken cancellation = default)
    {
        Task? background;
        lock (BackgroundGate) background = _background;
        if (background is not null)
        {
            background.GetAwaiter().GetResult();
            return;
        }
        LoadOnce(progress, cancellation);
    }

    /// <summary>
    /// Starts the load on a worker thread and returns at once; <see cref="EnsureLoaded"/> waits for it. The environment
    /// defaults are set here, on the caller's thread, because <c>setenv</c> may not run beside other threads' <c>getenv</c>.
    /// </summary>
    /// <param name="progress">Told the steps of a libtorch install, if one is needed (from the worker thread).</param>
    /// <param name="cancellation">Stops a libtorch install in progress.</param>
    /// <remarks>
    /// While libtorch's initialisers run (half a second), the system loader's lock is held: other threads wait in
    /// any library load, in .NET's first call of each native function (its symbol lookup) and in thread start-up.
    /// What the caller does meanwhile (find the model in the store, read and prepare it) therefore has its native calls
    /// bound here first: directory listing, OpenSSL's SHA-256 (the patched library's cache key and the weight digest),
    /// the memory hint of <see cref="HostArrays"/> (the weight arrays) and the process's end (<see cref="ProcessEnd"/>).
    /// </remarks>
    public static void BeginLoad(IProgress<InstallProgress>? progress = null, CancellationToken cancellation = default)
    {
        // Not under Gate alone: the load holds it throughout, and a second call must return at once.
        lock (BackgroundGate)
        {
            if (_background is not null) return;
            lock (Gate)
            {
                if (_done) return;
                BindDirectoryListing();
                BindOpenSsl();
                HostArrays.Bind();
                ProcessEnd.Bind();
                ApplyDefaults();
            }
            // Its own thread, not a pool worker: the load blocks for half a second, and the command's work uses the pool.
            _background = Task.Factory.StartNew(() => LoadOnce(progress, cancellation), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Sets the native libraries up for <paramref name="precision"/> (see <see cref="TorchRuntime.UsePrecision"/>):
    /// for bfloat16, checks the CPU and lifts DeepDream's oneDNN cap where the load has not started yet.
    /// </summary>
    /// <exception cref="TorchRuntimeException">bfloat16 on a CPU without it, with oneDNN capped below its bfloat16 kernels, or
    /// after the load started with DeepDream's own cap.</exception>
    public static void UsePrecision(NumericPrecision precision)
    {
        if (precision == NumericPrecision.Float32) return;
        if (!BFloat16Support.IsNative)
            throw new TorchRuntimeException("bfloat16 precision needs a CPU that computes bfloat16 natively (AVX512_BF16 or AMX), and this one does not: use float32");
        bool started;
        lock (BackgroundGate)
        {
            lock (Gate)
            {
                started = _done || _background is not null;
                if (!started)
                {
                    ApplyDefaults();
                    _defaults += NativeDefaults.LiftIsaCap();
                }
            }
        }
        if (OneDnnIsa.MayUseBFloat16) return;
        if (started && NativeDefaults.CappedHere)
            throw new TorchRuntimeException("bfloat16 precision must be chosen before libtorch loads (TorchRuntime.UsePrecision), and this process loaded it capped at AVX2");
        string variable = NativeEnvironment.GetNative(NativeDefaults.OneDnnIsaVariable) is { Length: > 0 } ? NativeDefaults.OneDnnIsaVariable : "DNNL_MAX_CPU_ISA";
        throw new TorchRuntimeException(
            $"bfloat16 precision needs oneDNN's bfloat16 kernels, which {variable}={NativeEnvironment.GetNative(variable)} rules out (they need AVX512_CORE_BF16 or above: unset it, or use float32)");
    }

    /// <summary>Makes .NET look up the functions that list a directory now.</summary>
    private static void BindDirectoryListing() => _ = Directory.EnumerateFileSystemEntries(AppContext.BaseDirectory).Any();

    /// <summary>Makes .NET look up the OpenSSL functions of one-shot and incremental SHA-256 now.</summary>
    private static void BindOpenSsl()
    {
        // One byte, not none: .NET makes no native call for an empty input.
        ReadOnlySpan<byte> data = [0];
        SHA256.HashData(data);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(data);
        hash.GetHashAndReset();
    }

    /// <summary>Waits for a load started by <see cref="BeginLoad"/>, if any, whatever its outcome.</summary>
    public static void WaitForBackgroundLoad()
    {
        Task? background;
        lock (BackgroundGate) background = _background;
        // Its exception, if any, is EnsureLoaded's to report.
        background?.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
    }

    private static void LoadOnce(IProgress<InstallProgress>? progress, CancellationToken cancellation)
    {
        lock (Gate)
        {
            if (_done) return;
            ApplyDefaults();
            ProcessEnd.Bind();
            var folder = Load(progress, cancellation);
            StartupTrace.Mark("native-initialised");
            NativeDefaults.AfterLoad(folder);
            Status += _defaults;
            _done = true;
        }
    }

    /// <summary>Applies the environment defaults now, unless the library is loaded already (see <see cref="TorchRuntime.SetNativeDefaults"/>).</summary>
    public static void SetDefaults()
    {
        lock (Gate)
        {
            if (!_done) ApplyDefaults();
        }
    }

    private static void ApplyDefaults() => _defaults ??= NativeDefaults.BeforeLoad() + NativeHeap.Configure();

    /// <summary>Loads the native libraries (Linux: libtorch installed first, or a patched copy, where need be); returns libtorch's folder where known.</summary>
    private static string? Load(IProgress<InstallProgress>? progress, CancellationToken cancellation)
    {
        if (OperatingSystem.IsMacOS()) return PreloadOpenMp();
        if (!OperatingSystem.IsLinux())
        {
            Status = "native library loaded by TorchSharp";
            return null;
        }
        var original = FindNative(LibraryFile, Runtime);
        if (original is null)
        {
            Status = $"{LibraryFile} not found next to the application; TorchSharp will search for it";
            return null;
        }
        var (folder, from) = LocateLibTorch(progress, cancellation);
        var libtorch = folder is null ? "" : $"; libtorch {from}: {folder}";
        folder ??= Path.GetDirectoryName(original)!;
        string error;
        try
        {
            LoadLibTorch(folder);
            var handle = NativeLibrary.Load(original);
            HandToTorchSharp(handle);
            Status = $"loaded {original}{libtorch}";
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
        HandToTorchSharp(NativeLibrary.Load(patched));
        Status = $"loaded {patched} (copy of {original} with {string.Join(", ", missing)} marked weak){libtorch}";
        return folder;
    }

    /// <summary>
    /// libtorch's folder and where it came from: next to the application, else the NuGet package installed (on first
    /// use) for this machine; (null, "") where this machine has no such package (TorchSharp's library finds libtorch
    /// beside itself, if at all).
    /// </summary>
    private static (string? Folder, string From) LocateLibTorch(IProgress<InstallProgress>? progress, CancellationToken cancellation)
    {
        if (LibTorchPackage.ForThisMachine() is not { } package) return (null, "");
        if (package.FindIn(SearchDirectories(Runtime)) is { } bundled) return (bundled, "next to the application");
        try
        {
            var folder = package.InstallAsync(AppPaths.Home, Directory.GetCurrentDirectory(), progress, cancellation).GetAwaiter().GetResult();
            StartupTrace.Mark("libtorch-located");
            return (folder, $"from {package.Description}");
        }
        catch (Exception ex) when (ex is NuGetPackageException or IOException or UnauthorizedAccessException)
        {
            throw new TorchRuntimeException($"libtorch {package.Version}, torch's native library, cannot be installed ({ex.Message})");
        }
    }

    /// <summary>
    /// Loads libtorch's libraries from <paramref name="folder"/> by full path, so that TorchSharp's library, wherever
    /// it lies, finds them loaded (the dynamic loader matches a dependency by its name among loaded libraries first).
    /// </summary>
    private static void LoadLibTorch(string folder)
    {
        foreach (var library in LibTorchPackage.ForThisMachine()?.Libraries ?? [])
        {
            var path = Path.Combine(folder, library);
            if (!File.Exists(path)) continue;
            try
            {
                NativeLibrary.Load(path);
            }
            catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
            {
                throw new TorchRuntimeException($"cannot load {path}: {ex.Message}");
            }
        }
    }

    /// <summary>Makes TorchSharp's P/Invokes of LibTorchSharp use the library loaded by <paramref name="handle"/>.</summary>
    private static void HandToTorchSharp(IntPtr handle)
    {
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (_, name) => name == "LibTorchSharp" ? handle : IntPtr.Zero;
        NativeLibrary.SetDllImportResolver(typeof(TorchSharp.torch).Assembly,
            (name, _, _) => name == "LibTorchSharp" ? handle : IntPtr.Zero);
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
    /// Where the host puts natives: the native search folders, next to the application (a runtime-specific build or
    /// tool package), TorchSharp's folder, then runtimes/<paramref name="runtime"/>/native (a portable build).
    /// </summary>
    internal static IEnumerable<string> SearchDirectories(string runtime) =>
        (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(AppContext.BaseDirectory)
            .Append(Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location) ?? "")
            .Append(Path.Combine(AppContext.BaseDirectory, "runtimes", runtime, "native"))
            .Where(d => d.Length > 0);

    /// <summary>The first of <see cref="SearchDirectories"/> that holds <paramref name="file"/>, or null.</summary>
    private static string? FindNative(string file, string runtime) =>
        SearchDirectories(runtime).Select(d => Path.Combine(d, file)).FirstOrDefault(File.Exists);

    [GeneratedRegex(@"version [`']([A-Za-z_]+[0-9.]*)' not found")]
    private static partial Regex MissingVersionPattern();
}
