namespace DeepDream.Dreaming;

/// <summary>
/// One term of the objective: the mean squared activation of a layer (or of some of its channels), times a weight;
/// with <paramref name="AtCenter"/>, of the one position at the centre of the layer's map (a single neuron).
/// Parsed from <c>name</c>, <c>name=weight</c>, <c>name:channel[,channel…]</c> or <c>name:channels=weight</c>, each
/// optionally followed by <c>@center</c> before the weight (<c>layer3:10@center</c>, <c>layer3:10@center=2</c>).
/// </summary>
public sealed record LayerObjective(string Layer, float Weight = 1f, IReadOnlyList<int>? Channels = null, bool AtCenter = false)
{
    private const string CenterSuffix = "@center";

    /// <summary>Parses one term; the errors name <see cref="DreamSettings.Layers"/> and the text as given.</summary>
    /// <exception cref="DreamSettingsException">Not of the forms above.</exception>
    public static LayerObjective Parse(string spec)
    {
        var text = spec.Trim();
        float weight = 1f;
        int eq = text.LastIndexOf('=');
        if (eq >= 0)
        {
            if (!float.TryParse(text[(eq + 1)..], System.Globalization.CultureInfo.InvariantCulture, out weight) || !float.IsFinite(weight))
                throw Invalid(spec, "weight after '=' must be a number");
            text = text[..eq];
        }
        bool atCenter = text.EndsWith(CenterSuffix, StringComparison.OrdinalIgnoreCase);
        if (atCenter) text = text[..^CenterSuffix.Length];
        IReadOnlyList<int>? channels = null;
        int colon = text.LastIndexOf(':');
        if (colon >= 0 && colon < text.Length - 1 && text[(colon + 1)..].All(c => char.IsDigit(c) || c == ',' || c == '-'))
        {
            channels = ParseChannels(text[(colon + 1)..], spec);
            text = text[..colon];
        }
        if (text.Length == 0) throw Invalid(spec, "layer name is empty");
        return new LayerObjective(text, weight, channels, atCenter);
    }

    private static List<int> ParseChannels(string list, string spec)
    {
        var channels = new List<int>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-');
            if (range.Length > 2 || !range.All(r => int.TryParse(r, out var v) && v >= 0))
                throw Invalid(spec, "channels must be numbers or ranges like 3,7,10-12");
            int from = int.Parse(range[0]), to = int.Parse(range[^1]);
            if (to < from) throw Invalid(spec, $"channel range {part} is backwards");
            for (int c = from; c <= to; c++) channels.Add(c);
        }
        if (channels.Count == 0) throw Invalid(spec, "no channel given after ':'");
        return channels;
    }

    private static DreamSettingsException Invalid(string spec, string problem) => new(nameof(DreamSettings.Layers), spec, problem);

    public override string ToString() =>
        Layer + (Channels is null ? "" : ":" + string.Join(",", Channels)) + (AtCenter ? CenterSuffix : "") + (Weight == 1f ? "" : "=" + Weight.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
