using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeepDream.Import.Graph;
using DeepDream.IO;
using DeepDream.Models;

namespace DeepDream.Import.Tfjs;

/// <summary>
/// The files of a TF.js layers model, read and checked: the Keras model description and the decoded weights.
/// Two layouts are understood: the converter's <c>model.json</c> with binary shards, and the JavaScript bundles
/// some npm packages ship (<c>model.min.js</c> with <c>*.min.js</c> shards holding base64 strings).
/// </summary>
internal sealed class TfjsArtifacts
{
    /// <summary>Upper bound on all weight bytes; far above any network worth dreaming with.</summary>
    public const long MaxWeightBytes = 1L << 30;

    private const long MaxDescriptionBytes = 64L << 20;
    private const int MaxRank = 8;
    private const int MaxManifestEntries = 100_000;
    /// <summary>The model file names looked for in a folder, in order.</summary>
    public static readonly IReadOnlyList<string> ModelFileNames = ["model.json", "model.min.js", "model.js"];

    private TfjsArtifacts(string modelPath, JsonObject modelConfig, IReadOnlyDictionary<string, GraphTensor> weights)
    {
        ModelPath = modelPath;
        ModelConfig = modelConfig;
        Weights = weights;
    }

    /// <summary>The model file that was read (model.json or model.min.js).</summary>
    public string ModelPath { get; }

    /// <summary>The Keras <c>model_config</c>: <c>{class_name, config:{layers, input_layers, output_layers}}</c>.</summary>
    public JsonObject ModelConfig { get; }

    /// <summary>Decoded float32 weights by manifest name (e.g. <c>conv2d_1/kernel</c>), in Keras layout.</summary>
    public IReadOnlyDictionary<string, GraphTensor> Weights { get; }

    /// <summary>True when <paramref name="path"/> looks like a TF.js model: a folder holding one, or a model file.</summary>
    public static bool IsTfjsModel(string path) =>
        Directory.Exists(path)
            ? ModelFileNames.Any(name => File.Exists(Path.Combine(path, name)))
            : File.Exists(path) && (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".js", StringComparison.OrdinalIgnoreCase));

    public static TfjsArtifacts Read(string folderOrModelFile)
    {
        var modelPath = FindModelFile(folderOrModelFile);
        var description = ReadDescription(modelPath);
        var topology = description["modelTopology"] as JsonObject
            ?? throw new ModelFormatException($"{modelPath}: no modelTopology (not a TF.js layers model)");
        var modelConfig = topology["model_config"] as JsonObject ?? topology;
        var manifest = description["weightsManifest"] as JsonArray
            ?? throw new ModelFormatException($"{modelPath}: no weightsManifest");
        bool bundled = modelPath.EndsWith(".js", StringComparison.OrdinalIgnoreCase);
        var weights = ReadWeights(modelPath, manifest, bundled);
        return new TfjsArtifacts(modelPath, modelConfig, weights);
    }

    public static string FindModelFile(string folderOrModelFile)
    {
        if (File.Exists(folderOrModelFile)) return Path.GetFullPath(folderOrModelFile);
        if (!Directory.Exists(folderOrModelFile))
            throw new ModelFormatException($"{folderOrModelFile}: no such file or folder");
        return ModelFileNames.Select(name => Path.Combine(Path.GetFullPath(folderOrModelFile), name)).FirstOrDefault(File.Exists)
            ?? throw new ModelFormatException(
                $"{folderOrModelFile}: no TF.js model file in this folder (looked for {string.Join(", ", ModelFileNames)})");
    }

    private static JsonObject ReadDescription(string modelPath)
    {
        string text;
        using (var file = RegularFile.Open(modelPath, MaxDescriptionBytes, "a model description", message => new ModelFormatException(message)))
            text = file.ReadAllText(Encoding.UTF8);
        if (modelPath.EndsWith(".js", StringComparison.OrdinalIgnoreCase)) return JsBundle.ReadExportedObject(modelPath, text);
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = JsLiteralParser.MaxDepth }) as JsonObject
                ?? throw new ModelFormatException($"{modelPath}: not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException($"{modelPath}: invalid JSON ({ex.Message})", ex);
        }
    }

    private static Dictionary<string, GraphTensor> ReadWeights(string modelPath, JsonArray manifest, bool bundled)
    {
        var weights = new Dictionary<string, GraphTensor>(StringComparer.Ordinal);
        long totalBytes = 0;
        foreach (var groupNode in manifest)
        {
            var group = groupNode as JsonObject ?? throw ManifestError(modelPath, "a weight group is not an object");
            var specs = ReadSpecs(modelPath, group["weights"] as JsonArray);
            long groupBytes = specs.Sum(s => s.ByteLength);
            totalBytes += groupBytes;
            if (totalBytes > MaxWeightBytes)
                throw ManifestError(modelPath, $"declares more than {MaxWeightBytes >> 20} MiB of weights");
            var shardPaths = (group["paths"] as JsonArray ?? throw ManifestError(modelPath, "a weight group has no paths"))
                .Select(p => p?.GetValueKind() == JsonValueKind.String ? p.GetValue<string>() : throw ManifestError(modelPath, "a shard path is not a string"))
                .ToList();
            var buffer = ReadGroupBuffer(modelPath, shardPaths, groupBytes, bundled);
            long offset = 0;
            foreach (var spec in specs)
            {
                var values = TfjsWeightDecoder.Decode(spec, buffer.AsSpan((int)offset, (int)spec.ByteLength));
                offset += spec.ByteLength;
                if (!weights.TryAdd(spec.Name, new GraphTensor(spec.Name, spec.Shape, values, null)))
                    throw ManifestError(modelPath, $"weight {spec.Name} is listed twice");
            }
        }
        return weights;
    }

    private static List<TfjsWeightSpec> ReadSpecs(string modelPath, JsonArray? entries)
    {
        if (entries is null) throw ManifestError(modelPath, "a weight group has no weights list");
        if (entries.Count > MaxManifestEntries) throw ManifestError(modelPath, $"more than {MaxManifestEntries} weights");
        var specs = new List<TfjsWeightSpec>(entries.Count);
        foreach (var node in entries)
        {
            var entry = node as JsonObject ?? throw ManifestError(modelPath, "a weight entry is not an object");
            var name = StringOf(entry["name"]) ?? throw ManifestError(modelPath, "a weight entry has no name");
            var dtype = StringOf(entry["dtype"]) ?? "float32";
            if (dtype != "float32") throw ManifestError(modelPath, $"weight {name} has dtype {dtype}; only float32 weights are supported");
            var shape = ReadShape(modelPath, name, entry["shape"] as JsonArray);
            TfjsQuantization? quantization = null;
            if (entry["quantization"] is JsonObject q)
            {
                var storage = StringOf(q["dtype"]) ?? "";
                float? min = FloatOf(q["min"]), scale = FloatOf(q["scale"]);
                if (storage != "float16" && (min is null || scale is null))
                    throw ManifestError(modelPath, $"weight {name} is quantised without min and scale");
                quantization = new TfjsQuantization(storage, min ?? 0f, scale ?? 1f);
                if (quantization.BytesPerElement is null)
                    throw ManifestError(modelPath, $"weight {name} uses unknown quantisation '{storage}'");
            }
            specs.Add(new TfjsWeightSpec(name, shape, dtype, quantization));
        }
        return specs;
    }

    private static long[] ReadShape(string modelPath, string name, JsonArray? dims)
    {
        if (dims is null || dims.Count > MaxRank) throw ManifestError(modelPath, $"weight {name} has no valid shape");
        var shape = new long[dims.Count];
        long elements = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            double d = dims[i]?.GetValueKind() == JsonValueKind.Number ? dims[i]!.GetValue<double>() : -1;
            if (d < 1 || d > MaxWeightBytes || d != Math.Floor(d))
                throw ManifestError(modelPath, $"weight {name} has an invalid dimension in its shape");
            shape[i] = (long)d;
            elements *= shape[i];
            if (elements > MaxWeightBytes) throw ManifestError(modelPath, $"weight {name} is absurdly large");
        }
        return shape;
    }

    private static byte[] ReadGroupBuffer(string modelPath, IReadOnlyList<string> shardPaths, long expectedBytes, bool bundled)
    {
        var folder = Path.GetDirectoryName(modelPath)!;
        var buffer = new byte[expectedBytes];
        long filled = 0;
        foreach (var shardPath in shardPaths)
        {
            var path = ResolveShard(modelPath, folder, shardPath, bundled);
            long remaining = expectedBytes - filled;
            // A base64 shard is 4/3 of its data plus the loader code around it.
            long allowed = bundled ? remaining / 3 * 4 + 4 + (1 << 20) : remaining;
            byte[] data;
            // The shard is read through the handle that was checked: a regular file inside the model's folder, links resolved.
            using (var file = RegularFile.Open(path, long.MaxValue, "weight data", message => new ModelFormatException(message), folder))
            {
                if (file.Length > allowed)
                    throw new ModelFormatException($"{path}: holds more weight data than {Path.GetFileName(modelPath)} declares");
                data = bundled ? JsBundle.ReadExportedBase64(path, file.ReadAllText(Encoding.ASCII)) : file.ReadAllBytes();
            }
            if (data.Length > remaining)
                throw new ModelFormatException($"{path}: holds more weight data than {Path.GetFileName(modelPath)} declares");
            data.CopyTo(buffer, filled);
            filled += data.Length;
        }
        if (filled != expectedBytes)
            throw new ModelFormatException(
                $"{modelPath}: weight files hold {filled} bytes but the manifest declares {expectedBytes} (truncated or missing shard)");
        return buffer;
    }

    private static string ResolveShard(string modelPath, string folder, string shardPath, bool bundled)
    {
        var path = Path.GetFullPath(Path.Combine(folder, shardPath));
        if (Path.IsPathRooted(shardPath) || !path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw ManifestError(modelPath, $"shard path '{shardPath}' leaves the model folder");
        var candidates = bundled ? [path + ".min.js", path + ".js", path] : new[] { path };
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new ModelFormatException($"{modelPath}: weight file {shardPath} is missing (looked for {string.Join(", ", candidates.Select(Path.GetFileName))})");
    }

    private static string? StringOf(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    private static float? FloatOf(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.Number ? (float)node.GetValue<double>() : null;

    private static ModelFormatException ManifestError(string modelPath, string problem) =>
        new($"{modelPath}: weights manifest: {problem}");
}
