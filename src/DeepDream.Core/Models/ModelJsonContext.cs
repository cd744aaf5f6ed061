using System.Text.Json.Serialization;
using DeepDream.Models.Store;

namespace DeepDream.Models;

/// <summary>JSON forms of the model metadata files: store manifests and preprocessing sidecars.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 16)]
[JsonSerializable(typeof(InstalledModel))]
[JsonSerializable(typeof(Preprocessing))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;
