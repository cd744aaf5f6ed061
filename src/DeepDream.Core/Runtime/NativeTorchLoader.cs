using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DeepDream.Imaging;

namespace DeepDream.Runtime;

/// <summary>
/// Makes TorchSharp's native library load where the system C++ runtime is older than the one it was built
/// against (Debian 12: libstdc++ lacks GLIBCXX_3.4.32). Where the library loads as shipped, nothing is done.
/// Otherwise a copy with the missing, harmless version requirements marked weak is cached and handed to
/// TorchSharp through the native-library resolver.
/// </summary>
internal static partial class NativeTorchLoader
{
    private const string LibraryFile = "libLibTorchSharp.so";
    private static readonly Lock Gate = new();
    private static bool _done;

    /// <summary>What the loader did, for diagnostics.</summary>
    public static string Status { get; private set; } = "not loaded";

    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_done) return;
            if (!OperatingSystem.IsLinux())
            {
                Status = "native library loaded by TorchSharp";
                _done = true;
                return;
            }
            var original = FindNativeLibrary();
            if (original is null)
            {
                Status = $"{LibraryFile} not found next to the application; TorchSharp will search for it";
                _done = true;
                return;
            }
            string error;
            try
            {
                NativeLibrary.Load(original);
                Status = $"loaded {original}";
                _done = true;
                return;
            }
            catch (DllNotFoundException ex)
            {
                error = ex.Message;
            }
            var missing = MissingVersionPattern().Matches(error).Select(m => m.Groups[1].Value).Distinct().ToList();
            if (missing.Count == 0)
                throw new TorchRuntimeException($"cannot load {original}: {error}");

            var patched = PatchedCopy(original, missing);
            // The copy lives elsewhere, so load its libtorch dependencies from the package folder first.
            var folder = Path.GetDirectoryName(original)!;
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
            _done = true;
        }
    }

    private static string PatchedCopy(string original, IReadOnlyList<string> missingVersions)
    {
        var bytes = File.ReadAllBytes(original);
        var key = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        var folder = Path.Combine(AppPaths.Home, "native", key);
        var target = Path.Combine(folder, LibraryFile);
        if (File.Exists(target)) return target;
        byte[] patched;
        try
        {
            patched = ElfVersionPatcher.WeakenVersions(bytes, missingVersions);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException)
        {
            throw new TorchRuntimeException(
                $"cannot load {original}: the system C++ runtime lacks {string.Join(", ", missingVersions)} ({ex.Message}); install a newer libstdc++");
        }
        Directory.CreateDirectory(folder);
        // Whole or not at all (a full disk leaves no partial copy), and what a killed process left is cleaned up.
        AtomicFile.Write(target, stream => stream.Write(patched));
        return target;
    }

    private static string? FindNativeLibrary()
    {
        var searchDirectories = (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(AppContext.BaseDirectory)
            .Append(Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location) ?? "")
            .Append(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native"));
        return searchDirectories
            .Where(d => d.Length > 0)
            .Select(d => Path.Combine(d, LibraryFile))
            .FirstOrDefault(File.Exists);
    }

    [GeneratedRegex(@"version [`']([A-Za-z_]+[0-9.]*)' not found")]
    private static partial Regex MissingVersionPattern();
}
