using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Models;
using DeepDream.Runtime;

namespace DeepDream.Pipeline;

/// <summary>
/// How an output was made, written into its metadata (<see cref="ImageWriteOptions.Recipe"/>) as one line of JSON:
/// the program and version, the model (name, how to load it, weights digest), the device and torch thread count,
/// what the dream started from (with its pixels' digest), the guide, every dream setting (seed included) and the
/// encoding. It holds no time and no output path, so repeating a dream on the same machine writes the same bytes.
/// </summary>
public sealed record DreamRecord
{
    /// <summary>The value of <see cref="Program"/> in DeepDream's records.</summary>
    public const string ProgramName = "DeepDream";

    /// <summary>Longest recipe text <see cref="Parse"/> accepts, in characters.</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>
    /// How records are read: reflection-based on purpose, since it sets only the properties a record holds, so a
    /// setting added in a later version keeps its default when an older record is read (compile-time metadata sets
    /// them all). '+' and non-ASCII letters are written as they are, for people reading the record; the XMP writer
    /// escapes what XML needs.
    /// </summary>
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 16,
    };

    /// <summary>
    /// The same form, written through compile-time metadata (<see cref="RecordJsonContext"/>): reflection would cost
    /// every dream about 100 ms of JIT before its output is written. Reading keeps reflection (above).
    /// </summary>
    private static readonly JsonSerializerOptions JsonWritten = new(Json) { TypeInfoResolver = RecordJsonContext.Default };

    public string Program { get; init; } = ProgramName;

    /// <summary>The version that made the output (<see cref="ProgramVersion.Text"/>).</summary>
    public required string Version { get; init; }

    /// <summary>The model of a single dream; null for a contact sheet (see <see cref="Sheet"/>).</summary>
    public RecordedModel? Model { get; init; }

    /// <summary>Where the network ran: "cpu" or "cuda".</summary>
    public required string Device { get; init; }

    /// <summary>Torch's CPU thread count during the dream; byte-identical repeats need the same count.</summary>
    public required int Threads { get; init; }

    /// <summary>What the network computed in, where not float32 (null: float32, as in records written before bfloat16).</summary>
    public NumericPrecision? Precision { get; init; }

    public required DreamSource Start { get; init; }

    public DreamSource? Guide { get; init; }

    /// <summary>The dream settings as completed for the model (for a sheet: without layers, which each tile names).</summary>
    public required DreamSettings Settings { get; init; }

    public RecordedOutput? Output { get; init; }

    /// <summary>For an image saved after an octave of the dream (<see cref="OctaveImages.Save"/>): which, from 1; null for the result.</summary>
    public int? Octave { get; init; }

    /// <summary>The tiles of a contact sheet, in order after the original; null for a single dream.</summary>
    public IReadOnlyList<RecordedTile>? Sheet { get; init; }

    /// <summary>
    /// Checks that <paramref name="network"/> is the model this record was made with (same identity, preprocessing
    /// included, and same weights), so a repeat can produce the same output.
    /// </summary>
    /// <param name="displayName">How errors name the recorded image.</param>
    /// <exception cref="DreamInputException">A contact sheet's record, or another model (or the same with other weights or preprocessing).</exception>
    public void CheckModel(IDreamNetwork network, string displayName)
    {
        var model = Model ?? throw new DreamInputException($"{displayName}: records a contact sheet, not a single dream");
        if (model.Identity == network.Identity && (model.WeightsSha256 is null || model.WeightsSha256 == network.WeightsSha256)) return;
        throw new DreamInputException(
            $"{displayName}: was made with {model.Identity} (weights SHA-256 {model.WeightsSha256 ?? "unknown"}), but {model.Source} is now " +
            $"{network.Identity} (weights SHA-256 {network.WeightsSha256 ?? "unknown"}); give the original model with --model and its preprocessing options");
    }

    /// <summary>One line of JSON, camelCase, enum values as words, nulls left out.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonWritten);

    /// <summary>
    /// Writes a sample record of a single dream and drops the text, so that the first real <see cref="ToJson"/> finds
    /// its JSON code compiled: in a fresh process that is a few hundred methods of one-time JIT, tens of milliseconds.
    /// For a command to call while it waits anyway (for the native library's load), so that this work no longer
    /// shares the processor with the dream's first step. Has no other effect.
    /// </summary>
    public static void PrepareWriting() => _ = new DreamRecord
    {
        Version = ProgramVersion.Text,
        Model = new RecordedModel("model", "model", "model", new string('0', 64)),
        Device = "cpu",
        Threads = 1,
        Start = DreamSource.Image("sample"),
        Settings = new DreamSettings { Layers = [new LayerObjective("layer", 1f, [0])] },
        Output = new RecordedOutput(ImageFormat.Jpeg, 92),
    }.ToJson();

    /// <summary>Reads a record written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The recipe text.</param>
    /// <param name="displayName">How errors name where the text came from, e.g. the image's path.</param>
    /// <exception cref="DreamInputException">Not a DeepDream record, malformed, too long, or with invalid settings.</exception>
    public static DreamRecord Parse(string json, string displayName)
    {
        if (json.Length > MaxLength)
            throw new DreamInputException($"{displayName}: its recorded recipe is {json.Length} characters long, more than {MaxLength}");
        DreamRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<DreamRecord>(json, Json);
        }
        catch (JsonException e)
        {
            throw new DreamInputException($"{displayName}: its recorded recipe cannot be read ({e.Message})", e);
        }
        catch (DreamSettingsException e)
        {
            throw new DreamInputException($"{displayName}: its recorded settings are invalid ({e.Message})", e);
        }
        if (record is null || record.Program != ProgramName)
            throw new DreamInputException($"{displayName}: its metadata is not a {ProgramName} record");
        return record;
    }
}
