using DeepDream.Import.Graph;
using DeepDream.Import.Onnx;
using DeepDream.Import.Tfjs;
using DeepDream.IO;
using DeepDream.Models.Catalog;

namespace DeepDream.Models.Store;

/// <summary>Converts a model file of any supported kind into the graph IR.</summary>
internal static class ModelFileImporter
{
    /// <summary>Packages are unpacked into temporary folders named so, plus the maker's tag; a killed run's are deleted by the next.</summary>
    private const string PackagePrefix = "deepdream-package-";

    /// <summary>
    /// Imports an ONNX file, a TF.js folder or model file, or an npm package tarball — the latter only when
    /// <paramref name="knownSource"/> says where in the package the model lies.
    /// </summary>
    public static GraphDescription Import(string path, ModelSource? knownSource)
    {
        if (TfjsImporter.LooksLikeTfjsModel(path)) return TfjsImporter.Load(path);
        if (path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) return OnnxImporter.Load(path);
        if (!path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase))
            throw new ModelStoreException($"{path}: not a model file this tool reads (.onnx, a TF.js folder, model.json or model.min.js, or a known npm .tgz)");
        if (knownSource is not NpmModelSource npm)
            throw new ModelStoreException($"{path}: not a package this tool knows; extract it and give the TF.js model folder inside");
        Leftovers.Delete(Path.GetTempPath(), $"{PackagePrefix}*");
        var folder = Directory.CreateTempSubdirectory($"{PackagePrefix}{Leftovers.Tag}-").FullName;
        try
        {
            NpmTarball.ExtractFolder(path, npm.PathInPackage, folder);
            return TfjsImporter.Load(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The file that identifies a model: the path itself, or a TF.js folder's model file.</summary>
    public static string IdentifyingFile(string path) => Directory.Exists(path) ? TfjsImporter.ModelFile(path) : path;
}
