using SkiaSharp;

namespace DeepDream.Sheets;

/// <summary>
/// The typeface of sheet labels: Inter, embedded in this assembly (Sheets/Fonts, SIL Open Font License), so labels
/// look the same everywhere and never depend on the system's fonts or on fontconfig.
/// </summary>
internal static class SheetFont
{
    private const string ResourceName = "DeepDream.Sheets.Inter-Regular.ttf";

    private static readonly Lazy<SKTypeface> Loaded = new(Load);

    public static SKTypeface Typeface => Loaded.Value;

    private static SKTypeface Load()
    {
        using var stream = typeof(SheetFont).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded font {ResourceName} is missing from the build");
        // Skia keeps reading the stream while the typeface lives, so it gets its own copy in native memory.
        return SKTypeface.FromData(SKData.Create(stream))
            ?? throw new InvalidOperationException($"the embedded font {ResourceName} cannot be read");
    }
}
