using System.Text.Json;
using DeepDream.IO;

namespace DeepDream.Models;

/// <summary>
/// The preprocessing of a model file DeepDream does not know, read from a sidecar beside it:
/// <c>model.onnx</c> → <c>model.preprocess.json</c> holding
/// <c>{"order": "bgr", "scale": 1, "mean": [104, 117, 123], "std": [1, 1, 1]}</c> (see <see cref="Preprocessing"/>).
/// </summary>
public static class PreprocessingFile
{
    public const string Suffix = ".preprocess.json";
    private const long MaxBytes = 64 * 1024;

    /// <summary>The sidecar path for a model file or folder.</summary>
    public static string SidecarPath(string modelPath)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(modelPath));
        var stem = Directory.Exists(full) ? Path.GetFileName(full) : Path.GetFileNameWithoutExtension(full);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", stem + Suffix);
    }

    /// <summary>The sidecar's preprocessing, or null where there is no sidecar.</summary>
    public static Preprocessing? ReadBeside(string modelPath)
    {
        var sidecar = SidecarPath(modelPath);
        return File.Exists(sidecar) ? Read(sidecar, Path.GetDirectoryName(sidecar)) : null;
    }

    /// <summary>Reads a sidecar file.</summary>
    /// <param name="insideFolder">When set, the folder the file's real path (links resolved) must lie in: the model's.</param>
    /// <exception cref="ModelFormatException">Not a regular file, outside <paramref name="insideFolder"/>, too large, or not a valid preprocessing.</exception>
    public static Preprocessing Read(string path, string? insideFolder = null)
    {
        byte[] bytes;
        using (var file = RegularFile.Open(path, MaxBytes, "a preprocessing file", message => new ModelFormatException(message), insideFolder))
            bytes = file.ReadAllBytes();
        Preprocessing? preprocessing;
        try
        {
            preprocessing = JsonSerializer.Deserialize(bytes, ModelJsonContext.Default.Preprocessing);
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException($"{path}: not a preprocessing file ({ex.Message})", ex);
        }
        var problem = preprocessing is null ? "empty" : Problem(preprocessing);
        if (problem is not null) throw new ModelFormatException($"{path}: {problem}");
        return preprocessing!;
    }

    /// <summary>What is wrong with <paramref name="preprocessing"/>, or null when it can be used.</summary>
    public static string? Problem(Preprocessing preprocessing)
    {
        if (!float.IsFinite(preprocessing.Scale) || preprocessing.Scale <= 0) return "scale must be a positive number";
        if (preprocessing.Mean is not { Length: 3 } mean || !mean.All(float.IsFinite)) return "mean must be three numbers";
        if (preprocessing.Std is not { Length: 3 } std || !std.All(s => float.IsFinite(s) && s > 0)) return "std must be three positive numbers";
        return null;
    }
}
