using System.Text.Json.Serialization;

namespace DeepDream.Pipeline;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true,
    MaxDepth = 16)]
[JsonSerializable(typeof(DreamRecord))]
internal sealed partial class RecordJsonContext : JsonSerializerContext;
