namespace DeepDream.Sheets;

/// <summary>How <see cref="ContactSheet.Render"/> lays out its tiles. Each value is checked as it is set.</summary>
public sealed record SheetLayout
{
    public static SheetLayout Default { get; } = new();

    /// <summary>Width in pixels (32-2048) every tile is scaled to; its height follows its aspect ratio.</summary>
    public int TileWidth
    {
        get;
        init => field = Between(value, 32, 2048);
    } = 256;

    /// <summary>Tiles per row (1-256); 0 picks about as many columns as rows.</summary>
    public int Columns
    {
        get;
        init => field = Between(value, 0, 256);
    }

    /// <summary>A line above the grid (e.g. the photo's name and the settings); null for none.</summary>
    public string? Title { get; init; }

    /// <summary>Label text size in pixels (6-96); the title is a third larger.</summary>
    public float FontSize
    {
        get;
        init => field = value is >= 6 and <= 96 ? value : throw new ArgumentOutOfRangeException(nameof(FontSize), value, "must be between 6 and 96");
    } = 14;

    /// <summary>Space in pixels (0-256) between tiles and around the grid.</summary>
    public int Gap
    {
        get;
        init => field = Between(value, 0, 256);
    } = 8;

    private static int Between(int value, int min, int max, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"must be between {min} and {max}");
}
