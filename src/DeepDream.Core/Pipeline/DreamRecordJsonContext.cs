using System.Text.Json.Serialization;

namespace DeepDream.Pipeline;

/// <summary>
/// Compile-time metadata for writing <see cref="DreamRecord"/>s: with it a process's first record is written
/// without building the serializer's view of the record types by reflection, which took about 25 ms of every
/// dream's write (bench/RESULTS.md, "Issue 14: the octave overhead"). The naming, null handling, enum words and
/// escaping come from the options it is paired with; reading stays reflection-based (<see cref="DreamRecord.Parse"/>).
/// </summary>
[JsonSerializable(typeof(DreamRecord))]
internal sealed partial class DreamRecordJsonContext : JsonSerializerContext;
