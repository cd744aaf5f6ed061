using System.Text.Json.Serialization;

namespace DeepDream.Pipeline;

/// <summary>
/// Compile-time JSON metadata of <see cref="DreamRecord"/>: the reflection-built metadata cost about 100 ms of start-up
/// JIT on every output written (bench/RESULTS.md, "Issue 14"). The options that attributes cannot carry (the encoder,
/// enum values in camelCase) are DreamRecord's own.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DreamRecord))]
internal sealed partial class RecordJsonContext : JsonSerializerContext;
