using DeepDream.Import.Graph;

namespace DeepDream.Import.Tfjs;

/// <summary>
/// Imports a TF.js layers model (a Keras model converted for the browser) into the graph IR. Every Keras layer
/// name becomes a tensor name, so any layer (<c>mixed4</c>, <c>conv2d_57</c>, …) can be dreamed on.
/// </summary>
public static class TfjsImporter
{
    /// <summary>
    /// Reads a folder holding <c>model.json</c> (or a bundled <c>model.min.js</c>) with its weight shards, or the model
    /// file itself. Throws <see cref="DeepDream.Models.ModelFormatException"/> naming the file and the problem for
    /// unreadable, truncated or unsupported models.
    /// </summary>
    public static GraphDescription Load(string folderOrModelFile)
    {
        var artifacts = TfjsArtifacts.Read(folderOrModelFile);
        var topology = KerasTopology.Read(artifacts.ModelPath, artifacts.ModelConfig);
        return KerasGraphBuilder.Build(artifacts.ModelPath, topology, artifacts.Weights);
    }

    /// <summary>True when <paramref name="path"/> is a folder holding a TF.js model or a .json/.js model file.</summary>
    public static bool LooksLikeTfjsModel(string path) => TfjsArtifacts.IsTfjsModel(path);

    /// <summary>The model file of a TF.js folder (model.json, else model.min.js or model.js), or the model file given.</summary>
    public static string ModelFile(string folderOrModelFile) => TfjsArtifacts.FindModelFile(folderOrModelFile);

    /// <summary>True for the names a TF.js model file takes inside its folder.</summary>
    public static bool IsModelFileName(string fileName) => TfjsArtifacts.ModelFileNames.Contains(fileName);
}
