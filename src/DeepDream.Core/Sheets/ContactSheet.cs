using DeepDream.Imaging;
using SkiaSharp;

namespace DeepDream.Sheets;

/// <summary>
/// Lays labelled pictures out in a grid on one image: a contact sheet. Tiles go left to right, top to bottom, each
/// scaled to <see cref="SheetLayout.TileWidth"/> and centred in a box as tall as the tallest tile (at most twice the
/// width; taller tiles are scaled to fit), with its label lines under it. Labels use an embedded font, so the sheet
/// looks the same on every machine; rendering is deterministic.
/// </summary>
public static class ContactSheet
{
    /// <summary>Largest sheet side in pixels: the largest image every output format (WebP's limit) can hold.</summary>
    public const int MaxSide = 16383;

    /// <summary>Lines a long title wraps onto; the last is shortened with an ellipsis.</summary>
    public const int MaxTitleLines = 3;

    private static readonly SKColor Background = new(24, 24, 24);
    private static readonly SKColor PrimaryText = new(240, 240, 240);
    private static readonly SKColor SecondaryText = new(170, 170, 170);

    /// <summary>Renders <paramref name="tiles"/> (at least one) on a dark, opaque sheet.</summary>
    /// <exception cref="ArgumentException">No tiles.</exception>
    /// <exception cref="DreamOutputException">The sheet would be larger than <see cref="MaxSide"/> on a side.</exception>
    public static RgbImage Render(IReadOnlyList<SheetTile> tiles, SheetLayout? layout = null)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        if (tiles.Count == 0) throw new ArgumentException("a contact sheet needs at least one tile", nameof(tiles));
        layout ??= SheetLayout.Default;

        using var labelFont = NewFont(layout.FontSize);
        using var titleFont = NewFont(layout.FontSize * 4 / 3);
        var titleLines = layout.Title is null ? [] : Wrap(layout.Title, Grid.SheetWidth(tiles.Count, layout) - 2 * layout.Gap, titleFont);
        var grid = Grid.For(tiles, layout, LineHeight(labelFont), titleLines.Count * LineHeight(titleFont));
        if (grid.Width > MaxSide || grid.Height > MaxSide)
        {
            throw new DreamOutputException(
                $"the contact sheet would be {grid.Width}x{grid.Height} pixels, more than {MaxSide} on a side: use more columns, fewer tiles or a smaller tile width");
        }

        using var surface = new SKBitmap(new SKImageInfo(grid.Width, grid.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(surface))
        {
            canvas.Clear(Background);
            using var primary = new SKPaint { Color = PrimaryText, IsAntialias = true };
            using var secondary = new SKPaint { Color = SecondaryText, IsAntialias = true };
            for (int line = 0; line < titleLines.Count; line++)
                DrawLine(canvas, titleLines[line], layout.Gap, layout.Gap + line * LineHeight(titleFont), grid.Width - 2 * layout.Gap, titleFont, primary);
            for (int i = 0; i < tiles.Count; i++)
            {
                var (x, y) = grid.CellOrigin(i);
                DrawPicture(canvas, tiles[i].Image, x, y, layout.TileWidth, grid.BoxHeight);
                float lineY = y + grid.BoxHeight + layout.Gap / 2f;
                for (int line = 0; line < tiles[i].Label.Count; line++, lineY += grid.LineHeight)
                    DrawLine(canvas, tiles[i].Label[line], x, lineY, layout.TileWidth, labelFont, line == 0 ? primary : secondary);
            }
        }
        return UprightPixels.FromRgba(surface.GetPixelSpan(), grid.Width, grid.Height, SKEncodedOrigin.TopLeft, keepAlpha: false);
    }

    /// <summary>The picture scaled to fit <paramref name="width"/> × <paramref name="height"/>, centred there.</summary>
    private static void DrawPicture(SKCanvas canvas, RgbImage image, int x, int y, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        SkiaPixels.FillRgba(bitmap.GetPixelSpan(), bitmap.RowBytes, image, alpha: null);
        using var picture = SKImage.FromBitmap(bitmap);
        float scale = Math.Min((float)width / image.Width, (float)height / image.Height);
        float drawnWidth = image.Width * scale, drawnHeight = image.Height * scale;
        var destination = SKRect.Create(x + (width - drawnWidth) / 2, y + (height - drawnHeight) / 2, drawnWidth, drawnHeight);
        // Mipmaps keep strong down-scaling (a photo to a thumbnail) free of aliasing.
        canvas.DrawImage(picture, destination, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
    }

    /// <summary>One line of text with its top at <paramref name="top"/>, shortened with an ellipsis to fit.</summary>
    private static void DrawLine(SKCanvas canvas, string text, float left, float top, float maxWidth, SKFont font, SKPaint paint)
    {
        string fitted = Fit(text, maxWidth, font);
        canvas.DrawText(fitted, left, top - font.Metrics.Ascent, SKTextAlign.Left, font, paint);
    }

    /// <summary><paramref name="text"/>, or its longest start that fits <paramref name="maxWidth"/> with "…" appended.</summary>
    internal static string Fit(string text, float maxWidth, SKFont font)
    {
        if (font.MeasureText(text) <= maxWidth) return text;
        for (int length = text.Length - 1; length > 0; length--)
        {
            string shortened = text[..length].TrimEnd() + "…";
            if (font.MeasureText(shortened) <= maxWidth) return shortened;
        }
        return "";
    }

    /// <summary>
    /// <paramref name="text"/> broken between words into lines that fit <paramref name="maxWidth"/>, at most
    /// <see cref="MaxTitleLines"/> (the last shortened with an ellipsis); a word wider than a line is shortened too.
    /// </summary>
    internal static IReadOnlyList<string> Wrap(string text, float maxWidth, SKFont font)
    {
        var lines = new List<string>();
        string current = "";
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string joined = current.Length == 0 ? word : current + " " + word;
            if (current.Length == 0 || font.MeasureText(joined) <= maxWidth)
            {
                current = joined;
                continue;
            }
            lines.Add(current);
            current = word;
        }
        if (current.Length > 0) lines.Add(current);
        if (lines.Count > MaxTitleLines) lines = [.. lines[..(MaxTitleLines - 1)], string.Join(" ", lines[(MaxTitleLines - 1)..])];
        return lines.Select(line => Fit(line, maxWidth, font)).ToList();
    }

    private static SKFont NewFont(float size) =>
        new(SheetFont.Typeface, size) { Edging = SKFontEdging.Antialias, Subpixel = false, Hinting = SKFontHinting.Normal };

    private static int LineHeight(SKFont font) => (int)Math.Ceiling(font.Metrics.Descent - font.Metrics.Ascent + font.Metrics.Leading);

    /// <summary>Where everything goes: sheet size, the box every picture is centred in, and each cell's corner.</summary>
    private sealed record Grid(int Width, int Height, int Columns, int BoxHeight, int CellHeight, int LineHeight, int Top, int TileWidth, int Gap)
    {
        /// <summary>The sheet's width in pixels for <paramref name="count"/> tiles.</summary>
        public static int SheetWidth(int count, SheetLayout layout) => (int)Math.Min(int.MaxValue, layout.Gap + (long)ColumnsFor(count, layout) * (layout.TileWidth + layout.Gap));

        public static Grid For(IReadOnlyList<SheetTile> tiles, SheetLayout layout, int lineHeight, int titleHeight)
        {
            int columns = ColumnsFor(tiles.Count, layout);
            int rows = (tiles.Count + columns - 1) / columns;
            int boxHeight = (int)Math.Min(2L * layout.TileWidth,
                tiles.Max(tile => (long)Math.Round((double)layout.TileWidth * tile.Image.Height / tile.Image.Width)));
            int labelLines = tiles.Max(tile => tile.Label.Count);
            int cellHeight = boxHeight + (labelLines > 0 ? layout.Gap / 2 + labelLines * lineHeight : 0);
            int top = layout.Gap + (titleHeight > 0 ? titleHeight + layout.Gap : 0);
            long height = top + (long)rows * (cellHeight + layout.Gap);
            return new Grid(SheetWidth(tiles.Count, layout), (int)Math.Min(height, int.MaxValue), columns, Math.Max(1, boxHeight), cellHeight,
                lineHeight, top, layout.TileWidth, layout.Gap);
        }

        private static int ColumnsFor(int count, SheetLayout layout) =>
            layout.Columns > 0 ? Math.Min(layout.Columns, count) : (int)Math.Ceiling(Math.Sqrt(count));

        public (int X, int Y) CellOrigin(int index) =>
            (Gap + index % Columns * (TileWidth + Gap), Top + index / Columns * (CellHeight + Gap));
    }
}
