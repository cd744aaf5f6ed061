using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace DeepDream.Cli;

/// <summary>Times in a clip as ffmpeg writes them: seconds (<c>12.5</c>), or <c>MM:SS(.s)</c>, or <c>HH:MM:SS(.s)</c>.</summary>
internal static class ClipTime
{
    /// <summary>An optional time option; its error says which forms it takes.</summary>
    public static Option<TimeSpan?> Option(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "seconds|[HH:]MM:SS",
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            var time = Parse(text);
            if (time is null) result.AddError($"{name} {text}: expected seconds (12.5) or [HH:]MM:SS(.s) (1:02.5)");
            return time;
        },
    };

    /// <summary>The time in <paramref name="text"/>; null when it is not one (negative times included).</summary>
    public static TimeSpan? Parse(string text)
    {
        string[] parts = text.Split(':');
        if (parts.Length > 3) return null;
        double seconds = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            bool last = i == parts.Length - 1;
            // Minutes and seconds after the first part count within their hour or minute.
            if (!double.TryParse(parts[i], last ? NumberStyles.AllowDecimalPoint : NumberStyles.None, CultureInfo.InvariantCulture, out double value)
                || (i > 0 && value >= 60))
                return null;
            seconds = seconds * 60 + value;
        }
        return double.IsFinite(seconds) && seconds < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;
    }
}
