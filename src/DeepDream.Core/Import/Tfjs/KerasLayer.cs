using System.Text.Json;
using System.Text.Json.Nodes;
using DeepDream.Models;

namespace DeepDream.Import.Tfjs;

/// <summary>One layer of a Keras model description, with checked access to its config.</summary>
internal sealed class KerasLayer(string source, string name, string className, JsonObject config, IReadOnlyList<string> inputs)
{
    /// <summary>Largest kernel, stride, dilation or padding accepted; anything above is a corrupt file.</summary>
    public const int MaxWindow = 4096;

    public string Name { get; } = name;
    public string ClassName { get; } = className;
    public JsonObject Config { get; } = config;

    /// <summary>Names of the layers whose outputs feed this one, in argument order.</summary>
    public IReadOnlyList<string> Inputs { get; } = inputs;

    public ModelFormatException Error(string problem) => new($"{source}: layer {Name} ({ClassName}): {problem}");

    public string String(string key, string fallback) => Config[key] switch
    {
        null => fallback,
        var node when node.GetValueKind() == JsonValueKind.String => node.GetValue<string>(),
        _ => throw Error($"'{key}' is not a string"),
    };

    public bool Bool(string key, bool fallback) => Config[key]?.GetValueKind() switch
    {
        null or JsonValueKind.Null => fallback,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error($"'{key}' is not true or false"),
    };

    /// <summary>A number, or null where the key is missing or null.</summary>
    public double? Number(string key) => Config[key] switch
    {
        null => null,
        var node => NumberOf(node, key),
    };

    public int Int(string key, int fallback, int min, int max) => Config[key] switch
    {
        null => fallback,
        var node => IntOf(node, key, min, max),
    };

    /// <summary>A (height, width) pair written as one number or a two-element list.</summary>
    public (int Height, int Width) Pair(string key, (int Height, int Width) fallback, int min, int max) =>
        PairOf(Config[key], key, fallback, min, max);

    /// <summary>As <see cref="Pair"/>, for a value nested deeper in the config; <paramref name="key"/> names it in errors.</summary>
    public (int Height, int Width) PairOf(JsonNode? value, string key, (int Height, int Width) fallback, int min, int max) => value switch
    {
        null => fallback,
        JsonArray { Count: 2 } pair => (IntOf(pair[0], key, min, max), IntOf(pair[1], key, min, max)),
        JsonArray => throw Error($"'{key}' must have two elements"),
        var node => (IntOf(node, key, min, max), IntOf(node, key, min, max)),
    };

    /// <summary>An axis written as a number or a one-element list (BatchNormalization writes <c>axis:[3]</c>).</summary>
    public int Axis(string key, int fallback) => Config[key] switch
    {
        null => fallback,
        JsonArray { Count: 1 } single => IntOf(single[0], key, -8, 8),
        var node => IntOf(node, key, -8, 8),
    };

    /// <summary>Refuses data_format channels_first: the weights and axes here assume channels_last.</summary>
    public void RequireChannelsLast()
    {
        var format = String("data_format", "channels_last");
        if (format != "channels_last") throw Error($"data_format {format} is not supported (only channels_last)");
    }

    private int IntOf(JsonNode? node, string key, int min, int max)
    {
        double value = NumberOf(node, key);
        if (value != Math.Floor(value) || value < min || value > max)
            throw Error($"'{key}' = {value} is outside {min}..{max}");
        return (int)value;
    }

    private double NumberOf(JsonNode? node, string key) =>
        node?.GetValueKind() == JsonValueKind.Number ? node.GetValue<double>() : throw Error($"'{key}' is not a number");
}
