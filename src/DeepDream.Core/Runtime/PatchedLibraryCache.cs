using System.Security.Cryptography;
using System.Text;
using DeepDream.Imaging;
using DeepDream.IO;

namespace DeepDream.Runtime;

/// <summary>
/// Copies of a native library with some symbol-version requirements marked weak (<see cref="ElfVersionPatcher"/>),
/// one folder per version of the source under a cache root. The folder's name comes from the source's full path,
/// size and modification time and the versions weakened, so a start finds its copy with one <c>stat</c> instead of
/// reading and hashing the 2 MB library; a source replaced (a tool update) or touched gets a new copy.
/// </summary>
internal static class PatchedLibraryCache
{
    /// <summary>The cached copy of <paramref name="original"/>, made first if there is none.</summary>
    /// <param name="original">The library as shipped.</param>
    /// <param name="missingVersions">Version requirements to mark weak.</param>
    /// <param name="cacheRoot">Folder holding one sub-folder per cached copy.</param>
    /// <exception cref="InvalidOperationException">A version cannot be weakened safely (see <see cref="ElfVersionPatcher"/>).</exception>
    /// <exception cref="InvalidDataException">The original is not a 64-bit little-endian ELF image.</exception>
    public static string GetOrCreate(string original, IReadOnlyList<string> missingVersions, string cacheRoot)
    {
        var identity = $"{FileVersion.Of(original)}\n{string.Join(',', missingVersions.Order(StringComparer.Ordinal))}";
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
        var target = Path.Combine(cacheRoot, key, Path.GetFileName(original));
        if (File.Exists(target)) return target;
        var patched = ElfVersionPatcher.WeakenVersions(File.ReadAllBytes(original), missingVersions);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Whole or not at all (a full disk leaves no partial copy), and what a killed process left is cleaned up.
        AtomicFile.Write(target, stream => stream.Write(patched));
        return target;
    }
}
