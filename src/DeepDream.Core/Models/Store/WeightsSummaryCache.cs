using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using DeepDream.Imaging;
using DeepDream.IO;

namespace DeepDream.Models.Store;

/// <summary>
/// The <see cref="WeightsSummary"/> of an installed model file, kept in a small file beside it, so that a start with
/// an unchanged model neither sums nor hashes its weights (on ResNet-18 that is 100-200 ms of a one-second start).
/// An entry holds the model file's <see cref="FileVersion"/> and the build of this library that computed it (the
/// digest covers the constants its graph compiler keeps); it is used only when both match exactly and its values
/// are well-formed, and anything else — no file, a corrupt or oversized one, an unreadable folder — means computing
/// again. Writing is best effort: a read-only store still works, it only computes every time.
/// </summary>
/// <param name="Path">The cache file.</param>
/// <param name="Model">The version of the model file as it was read.</param>
internal sealed partial record WeightsSummaryCache(string Path, FileVersion Model)
{
    /// <summary>The cache file's name in a model's folder.</summary>
    public const string FileName = "weights-summary.json";

    private const int FormatVersion = 1;
    private const long MaxBytes = 4096;

    /// <summary>The build that computes the values: compiled deterministically, so it changes exactly when the code does.</summary>
    private static readonly string Build = typeof(WeightsSummaryCache).Module.ModuleVersionId.ToString("N");

    /// <summary>The cached summary for <see cref="Model"/>; null when there is none that can be trusted.</summary>
    public WeightsSummary? Read()
    {
        Entry? entry;
        try
        {
            using var file = RegularFile.Open(Path, MaxBytes, "a weights summary", message => new IOException(message));
            entry = JsonSerializer.Deserialize(file.ReadAllBytes(), WeightsSummaryJson.Default.Entry);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
        if (entry is null || entry.Format != FormatVersion || entry.Build != Build
            || new FileVersion(entry.File, entry.Length, entry.ModifiedNanoseconds) != Model
            || !Sha256Pattern().IsMatch(entry.WeightsSha256) || !IsFingerprint(entry.Fingerprint))
            return null;
        return new WeightsSummary(entry.Fingerprint, entry.WeightsSha256);
    }

    /// <summary>Stores <paramref name="summary"/> for <see cref="Model"/>, replacing the file atomically; failures are ignored.</summary>
    public void Write(WeightsSummary summary)
    {
        var entry = new Entry(FormatVersion, Build, Model.Path, Model.Length, Model.ModifiedNanoseconds, summary.Fingerprint, summary.Sha256);
        try
        {
            AtomicFile.Write(Path, stream => JsonSerializer.Serialize(stream, entry, WeightsSummaryJson.Default.Entry));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Not writable (a shared read-only store, a full disk): the next start computes the values again.
        }
    }

    /// <summary><c>COUNT weights, sum SUM</c> with a count and a round-trip double, as <c>PreparedGraph</c> writes it.</summary>
    private static bool IsFingerprint(string fingerprint)
    {
        var match = FingerprintPattern().Match(fingerprint);
        return match.Success && long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && double.TryParse(match.Groups[2].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();

    [GeneratedRegex("^([0-9]{1,19}) weights, sum ([-+0-9.eE]{1,40}|NaN|-?Infinity)$")]
    private static partial Regex FingerprintPattern();

    private sealed record Entry(int Format, string Build, string File, long Length, long ModifiedNanoseconds, string Fingerprint, string WeightsSha256);

    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        MaxDepth = 4)]
    [JsonSerializable(typeof(Entry))]
    private sealed partial class WeightsSummaryJson : JsonSerializerContext;
}
