using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DeepDream.Dreaming;
using DeepDream.Imaging;

namespace DeepDream.Sequences;

/// <summary>
/// The canonical text of everything that decides how a dreamed output looks, for <see cref="Batch.SettingsHash"/>
/// and the zoom's resume check: one line of JSON with the model's name, every dream setting (all of them, defaults
/// included, in declaration order, numbers in invariant form), the guide image's pixel digest, and the caller's
/// output details such as format and quality.
/// </summary>
public static class SettingsKey
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <param name="model">The network's identity (name, preprocessing, weights) and precision (<c>DreamPipeline.NetworkKey</c>).</param>
    /// <param name="settings">The dream settings, completed for the model (layers resolved).</param>
    /// <param name="guide">The guide image, if any.</param>
    /// <param name="details">Further settings that change the output, as name and invariant-culture text.</param>
    public static string Create(
        string model, DreamSettings settings, RgbImage? guide, params IReadOnlyList<(string Name, string Value)> details)
    {
        var key = new JsonObject
        {
            ["model"] = model,
            ["settings"] = JsonSerializer.SerializeToNode(settings, Options),
            ["guide"] = guide is null ? null : Digest(guide),
        };
        foreach (var (name, value) in details) key.Add(name, value);
        return key.ToJsonString();
    }

    /// <summary>SHA-256 (lower-case hex) of the image's size, pixels and alpha: equal for equal pictures, whatever the file.</summary>
    public static string Digest(RgbImage image)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes($"{image.Width}x{image.Height}\n"));
        hash.AppendData(image.Rgb);
        if (image.Alpha is not null) hash.AppendData(image.Alpha);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
