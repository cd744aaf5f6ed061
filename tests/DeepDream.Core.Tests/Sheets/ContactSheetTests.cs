using DeepDream.Imaging;
using DeepDream.Sheets;
using SkiaSharp;
using static DeepDream.Tests.Imaging.TestImages;

namespace DeepDream.Tests.Sheets;

public sealed class ContactSheetTests
{
    private static readonly SheetLayout Layout = new() { TileWidth = 64, Gap = 8, FontSize = 12 };

    private static RgbImage Solid(int width, int height, (byte R, byte G, byte B) colour) => Quadrants(width, height, colour, colour, colour, colour);

    [Fact]
    public void Tiles_fill_a_grid_left_to_right_each_scaled_to_the_tile_width()
    {
        // Three 32x16 tiles on two columns: the box is 64x32; row 2 holds the third tile only.
        var tiles = new[] { Red, Green, Blue }.Select(colour => new SheetTile(Solid(32, 16, colour), [])).ToList();

        var sheet = ContactSheet.Render(tiles, Layout with { Columns = 2 });

        Assert.Equal(8 + 2 * (64 + 8), sheet.Width);
        Assert.Equal(8 + 2 * (32 + 8), sheet.Height);
        Assert.Equal(Red, PixelAt(sheet, 8 + 32, 8 + 16));
        Assert.Equal(Green, PixelAt(sheet, 8 + 72 + 32, 8 + 16));
        Assert.Equal(Blue, PixelAt(sheet, 8 + 32, 8 + 40 + 16));
        Assert.Equal(PixelAt(sheet, 0, 0), PixelAt(sheet, 8 + 72 + 32, 8 + 40 + 16));
    }

    [Fact]
    public void Automatic_columns_make_the_grid_about_square()
    {
        var tiles = Enumerable.Range(0, 5).Select(_ => new SheetTile(Solid(64, 64, Red), [])).ToList();

        var sheet = ContactSheet.Render(tiles, Layout);

        Assert.Equal(8 + 3 * (64 + 8), sheet.Width);
        Assert.Equal(8 + 2 * (64 + 8), sheet.Height);
    }

    [Fact]
    public void A_taller_tile_is_centred_in_a_box_as_tall_as_the_tallest_and_a_wider_one_is_letterboxed()
    {
        var sheet = ContactSheet.Render([new SheetTile(Solid(64, 128, Red), []), new SheetTile(Solid(64, 32, Green), [])], Layout);

        Assert.Equal(8 + 128 + 8, sheet.Height);
        var background = PixelAt(sheet, 0, 0);
        Assert.Equal(Green, PixelAt(sheet, 8 + 72 + 32, 8 + 64));
        Assert.Equal(background, PixelAt(sheet, 8 + 72 + 32, 8 + 20));
        Assert.Equal(background, PixelAt(sheet, 8 + 72 + 32, 8 + 110));
    }

    [Fact]
    public void Labels_are_written_under_their_tile_and_make_room_for_their_lines()
    {
        var unlabelled = ContactSheet.Render([new SheetTile(Solid(64, 64, Red), [])], Layout);
        var labelled = ContactSheet.Render([new SheetTile(Solid(64, 64, Red), ["mixed4", "objective x3.1"])], Layout);

        Assert.True(labelled.Height >= unlabelled.Height + 2 * 12, $"labelled sheet is {labelled.Height} px tall, unlabelled {unlabelled.Height}");
        int labelTop = 8 + 64, labelBottom = labelled.Height - 8;
        var background = PixelAt(labelled, 0, 0);
        int inked = CountDifferent(labelled, 8, labelTop, 8 + 64, labelBottom, background);
        Assert.True(inked > 40, $"only {inked} pixels of text under the tile");
        Assert.Equal(0, CountDifferent(labelled, 8 + 64, 0, labelled.Width, labelled.Height, background));
    }

    [Fact]
    public void A_title_goes_above_the_grid()
    {
        var plain = ContactSheet.Render([new SheetTile(Solid(64, 64, Red), [])], Layout);
        var titled = ContactSheet.Render([new SheetTile(Solid(64, 64, Red), [])], Layout with { Title = "cat.jpg" });

        int titleHeight = titled.Height - plain.Height;
        Assert.True(titleHeight >= 16, $"the title added {titleHeight} px");
        Assert.True(CountDifferent(titled, 0, 8, titled.Width, 8 + titleHeight - 8, PixelAt(titled, 0, 0)) > 20);
        Assert.Equal(Red, PixelAt(titled, 8 + 32, 8 + titleHeight + 32));
    }

    [Fact]
    public void A_label_wider_than_the_tile_is_shortened_with_an_ellipsis()
    {
        using var font = new SKFont(SheetFont.Typeface, 12);
        string label = "inceptionv3 mixed4 + mixed3=0.5 + mixed5=0.25";

        string fitted = ContactSheet.Fit(label, 64, font);

        Assert.EndsWith("…", fitted);
        Assert.StartsWith(fitted[..^1], label);
        Assert.True(font.MeasureText(fitted) <= 64);
        Assert.Equal("mixed4", ContactSheet.Fit("mixed4", 64, font));
    }

    [Fact]
    public void A_long_title_wraps_between_words_onto_at_most_three_lines()
    {
        using var font = new SKFont(SheetFont.Typeface, 16);
        string title = string.Join(" ", Enumerable.Range(1, 40).Select(i => $"word{i}"));

        var lines = ContactSheet.Wrap(title, 200, font);

        Assert.Equal(ContactSheet.MaxTitleLines, lines.Count);
        Assert.All(lines, line => Assert.True(font.MeasureText(line) <= 200, $"'{line}' is wider than 200 px"));
        Assert.StartsWith("word1 word2", lines[0]);
        Assert.EndsWith("…", lines[^1]);
        Assert.Equal(["short title"], ContactSheet.Wrap("short title", 200, font));
        var wrapped = ContactSheet.Render([new SheetTile(Solid(64, 64, Red), [])], Layout with { Title = title });
        var plain = ContactSheet.Render([new SheetTile(Solid(64, 64, Red), [])], Layout with { Title = "short" });
        Assert.True(wrapped.Height > plain.Height + 30, $"three title lines took {wrapped.Height - plain.Height} px more than one");
    }

    [Fact]
    public void The_same_tiles_give_the_same_pixels()
    {
        var tiles = new[] { new SheetTile(Quadrants(40, 30, Red, Green, Blue, White), ["tiny", "conv1"]) };

        Assert.Equal(ContactSheet.Render(tiles, Layout).Rgb, ContactSheet.Render(tiles, Layout).Rgb);
    }

    [Fact]
    public void A_sheet_larger_than_any_format_can_hold_is_refused_before_drawing()
    {
        var tiles = Enumerable.Range(0, 10).Select(_ => new SheetTile(Solid(8, 8, Red), [])).ToList();

        var error = Assert.Throws<DreamOutputException>(() => ContactSheet.Render(tiles, new SheetLayout { TileWidth = 2048, Columns = 10 }));
        Assert.Contains("more than 16383 on a side", error.Message);
    }

    [Fact]
    public void No_tiles_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => ContactSheet.Render([]));
    }

    private static int CountDifferent(RgbImage image, int left, int top, int right, int bottom, (byte R, byte G, byte B) background)
    {
        int count = 0;
        for (int y = top; y < bottom; y++)
            for (int x = left; x < right; x++)
                if (PixelAt(image, x, y) != background) count++;
        return count;
    }
}
