using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepDream.Cli;

/// <summary>
/// The JSON style of every --json output: camelCase, enums as strings, one object per line, every number finite
/// (a number that is not is written as null).
/// </summary>
public static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new FiniteNumberConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
