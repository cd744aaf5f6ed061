using System.Text.Json.Serialization;

namespace DeepDream.Batch;

/// <summary>Compile-time JSON (de)serialisation of manifest lines, in camelCase with statuses as words.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ManifestRecord))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
