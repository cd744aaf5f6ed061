using System.CommandLine;
using System.Globalization;
using DeepDream.Models;

namespace DeepDream.Cli;

/// <summary>Preprocessing for a model the catalog doesn't know: colour order, scale, mean and std.</summary>
public sealed class PreprocessingOptions
{
    public Option<ColorOrder?> Order { get; } = OptionValues.OptionalChoice<ColorOrder>("--color-order", "Channel order the model expects");

    public Option<float?> Scale { get; } = new("--input-scale") { Description = "Multiply 0-255 pixels by this first (e.g. 0.00392157 for 0-1)" };

    public Option<string?> Mean { get; } = new("--mean") { Description = "Per-channel mean to subtract after scaling, e.g. 104,117,123" };

    public Option<string?> Std { get; } = new("--std") { Description = "Per-channel std to divide by, e.g. 0.229,0.224,0.225" };

    public void AddTo(Command command)
    {
        command.Options.Add(Order);
        command.Options.Add(Scale);
        command.Options.Add(Mean);
        command.Options.Add(Std);
    }

    /// <summary>The values given (the model's own fill the rest), or null when none of the options was used.</summary>
    public PreprocessingOverride? Read(ParseResult parse)
    {
        var order = parse.GetValue(Order);
        var scale = parse.GetValue(Scale);
        var mean = parse.GetValue(Mean);
        var std = parse.GetValue(Std);
        if (order is null && scale is null && mean is null && std is null) return null;
        return new PreprocessingOverride(order, scale, Triple("--mean", mean), Triple("--std", std));
    }

    private static float[]? Triple(string option, string? text)
    {
        if (text is null) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = parts.Select(p => float.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : float.NaN).ToArray();
        if (values.Length == 1) values = [values[0], values[0], values[0]];
        if (values.Length != 3 || values.Any(v => !float.IsFinite(v)))
            throw new UsageException($"{option} {text}: expected one number or three comma-separated numbers");
        return values;
    }
}
