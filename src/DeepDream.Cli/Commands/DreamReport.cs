using DeepDream.Dreaming;
using DeepDream.Imaging;

namespace DeepDream.Cli.Commands;

/// <summary>The <c>--json</c> report of one dream: one JSON object on one line.</summary>
/// <param name="Precision">What the network computed in: "float32" or "bfloat16".</param>
public sealed record DreamReport(
    string Input, string Output, string Model, string ModelDescription, string Device, string Precision, int Width, int Height,
    DreamSettings Settings, DreamTimings Seconds, IReadOnlyList<OctaveReport> Octaves,
    double? ObjectiveFirst, double? ObjectiveLast)
{
    public static DreamReport Create(string input, string output, LoadedModel model, DreamSettings settings,
        RgbImage image, DreamedImage dreamed, DreamTimings seconds) =>
        new(input, output, model.Network.Name, model.Description, model.Network.Device.type.ToString().ToLowerInvariant(),
            model.Network.Precision.ToString().ToLowerInvariant(), image.Width, image.Height,
            settings, seconds, dreamed.Octaves, dreamed.ObjectiveFirst, dreamed.ObjectiveLast);

    public string ToJson() => CliJson.Serialize(this);
}
