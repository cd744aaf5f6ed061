using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DeepDream.Tests.Import.Tfjs;

/// <summary>
/// Writes small TF.js layers models for tests: a Keras 2 functional model description and float32 weights,
/// either as the converter's model.json + binary shards or as a browserify bundle like nsfwjs ships.
/// </summary>
internal sealed partial class TfjsTestModel
{
    private readonly JsonArray _layers = [];
    private readonly List<(string Name, long[] Shape, float[] Values)> _weights = [];
    private string? _inputName;
    private string? _lastLayer;

    /// <summary>Deterministic pseudo-random values in [-1, 1).</summary>
    public static float[] Values(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    public TfjsTestModel Input(string name, int height, int width, int channels)
    {
        _inputName = name;
        _lastLayer = name;
        _layers.Add(new JsonObject
        {
            ["name"] = name,
            ["class_name"] = "InputLayer",
            ["config"] = new JsonObject { ["batch_input_shape"] = new JsonArray(null, height, width, channels), ["name"] = name },
            ["inbound_nodes"] = new JsonArray(),
        });
        return this;
    }

    public TfjsTestModel Layer(string className, string name, JsonObject config, params string[] inputs)
    {
        config["name"] = name;
        var call = new JsonArray(inputs.Select(i => (JsonNode)new JsonArray(i, 0, 0, new JsonObject())).ToArray());
        _layers.Add(new JsonObject
        {
            ["name"] = name,
            ["class_name"] = className,
            ["config"] = config,
            ["inbound_nodes"] = new JsonArray(call),
        });
        _lastLayer = name;
        return this;
    }

    public TfjsTestModel Weight(string name, long[] shape, float[] values)
    {
        if (values.Length != shape.Aggregate(1L, (a, b) => a * b)) throw new ArgumentException("shape and values disagree", nameof(values));
        _weights.Add((name, shape, values));
        return this;
    }

    /// <summary>Writes model.json and the weights split over <paramref name="shards"/> .bin files; returns the folder.</summary>
    public string WriteJson(string folder, int shards = 2)
    {
        Directory.CreateDirectory(folder);
        var data = WeightBytes();
        var paths = ShardNames(shards, ".bin");
        foreach (var (path, chunk) in paths.Zip(Split(data, shards))) File.WriteAllBytes(Path.Combine(folder, path), chunk);
        File.WriteAllText(Path.Combine(folder, "model.json"), Description(paths).ToJsonString());
        return folder;
    }

    /// <summary>Writes model.min.js and base64 shard bundles the way nsfwjs 4 ships them; returns the folder.</summary>
    public string WriteBundle(string folder, int shards = 2)
    {
        Directory.CreateDirectory(folder);
        var paths = ShardNames(shards, "");
        foreach (var (path, chunk) in paths.Zip(Split(WeightBytes(), shards)))
            File.WriteAllText(Path.Combine(folder, path + ".min.js"), Wrap($"\"{Convert.ToBase64String(chunk)}\""));
        File.WriteAllText(Path.Combine(folder, "model.min.js"), Wrap(Minify(Description(paths).ToJsonString())));
        return folder;
    }

    private JsonObject Description(IEnumerable<string> paths) => new()
    {
        ["format"] = "layers-model",
        ["modelTopology"] = new JsonObject
        {
            ["keras_version"] = "2.2.4",
            ["backend"] = "tensorflow",
            ["model_config"] = new JsonObject
            {
                ["class_name"] = "Model",
                ["config"] = new JsonObject
                {
                    ["name"] = "tiny",
                    ["layers"] = _layers.DeepClone(),
                    ["input_layers"] = new JsonArray(new JsonArray(_inputName, 0, 0)),
                    ["output_layers"] = new JsonArray(new JsonArray(_lastLayer, 0, 0)),
                },
            },
        },
        ["weightsManifest"] = new JsonArray(new JsonObject
        {
            ["paths"] = new JsonArray(paths.Select(p => (JsonNode)p).ToArray()),
            ["weights"] = new JsonArray(_weights.Select(w => (JsonNode)new JsonObject
            {
                ["name"] = w.Name,
                ["shape"] = new JsonArray(w.Shape.Select(d => (JsonNode)d).ToArray()),
                ["dtype"] = "float32",
            }).ToArray()),
        }),
    };

    private byte[] WeightBytes()
    {
        var floats = _weights.SelectMany(w => w.Values).ToArray();
        var bytes = new byte[floats.Length * 4];
        Buffer.BlockCopy(floats, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    private static List<string> ShardNames(int shards, string extension) =>
        Enumerable.Range(1, shards).Select(i => $"group1-shard{i}of{shards}{extension}").ToList();

    private static IEnumerable<byte[]> Split(byte[] data, int shards)
    {
        int size = (data.Length + shards - 1) / shards;
        for (int i = 0; i < shards; i++) yield return data.Skip(i * size).Take(size).ToArray();
    }

    /// <summary>What a minifier makes of JSON: bare keys, !0/!1, no leading zeros.</summary>
    private static string Minify(string json)
    {
        var text = QuotedKey().Replace(json, "$1:");
        text = text.Replace(":true", ":!0").Replace(":false", ":!1");
        return LeadingZero().Replace(text, "$1.");
    }

    private static string Wrap(string literal) =>
        "!function(a){if(\"object\"==typeof exports&&\"undefined\"!=typeof module)module.exports=a();else{(window).model=a()}}" +
        "(function(){return function a(n,i,e){var c=i[o]={exports:{}};return i[o].exports}({1:[function(a,n,i){n.exports=" +
        literal + "},{}]},{},[1])(1)});";

    [GeneratedRegex("\"([A-Za-z_][A-Za-z0-9_]*)\":")]
    private static partial Regex QuotedKey();

    [GeneratedRegex(@"([,:\[-])0\.")]
    private static partial Regex LeadingZero();
}
