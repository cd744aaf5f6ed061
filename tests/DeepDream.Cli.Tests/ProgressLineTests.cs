using DeepDream.Cli;
using DeepDream.Cli.Progress;
using DeepDream.Tests.Batch;

namespace DeepDream.Tests;

/// <summary>The progress line: within the terminal's width, hours in the time left, the whole batch's time left, never mixed with messages.</summary>
public sealed class ProgressLineTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Every state of the status line drawn in <paramref name="error"/> (the text between carriage returns and newlines).</summary>
    private static string[] Drawn(string error) => error.Split('\r', '\n').Where(line => line.Trim().Length > 0).ToArray();

    [Fact]
    public void The_line_fits_an_80_column_terminal_however_long_the_name()
    {
        string photo = TestImages.Random(_temp[new string('n', 70) + ".png"], 40, 30, seed: 2);

        var run = CliRun.InvokeOnTerminal(80, photo, "-o", _temp["out.png"], "--model", "tiny", "--octaves", "2", "--steps", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(Drawn(run.Error), line => line.Contains("octave 2/2  step 3/3  100%  ETA 0:00"));
        Assert.All(run.Error.Split('\r', '\n'), line => Assert.True(line.Length <= 79, $"{line.Length} columns: {line}"));
    }

    [Fact]
    public void A_batch_shows_the_time_left_for_the_whole_run()
    {
        TestImages.Random(_temp["in/a.png"], 24, 16, seed: 1);
        TestImages.Random(_temp["in/b.png"], 24, 16, seed: 2);

        var run = CliRun.InvokeOnTerminal(120, "batch", _temp["in"], "-o", _temp["out"], "--model", "tiny", "--octaves", "1", "--steps", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(Drawn(run.Error), line => line.StartsWith("[2/2] b.png  octave 1/1  step 2/2  100%  ETA 0:00  |  all 100%  ETA 0:00"));
        Assert.Contains("[1/2] a.png  done in ", run.Error);
    }

    [Theory]
    [InlineData(5, "0:05")]
    [InlineData(59 * 60 + 59, "59:59")]
    [InlineData(65 * 60, "1:05:00")]
    [InlineData(26 * 3600 + 7, "26:00:07")]
    public void The_time_left_shows_hours_from_an_hour_on(int seconds, string shown) =>
        Assert.Equal(shown, DreamProgressLine.Clock(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void A_long_label_gives_way_from_the_left_then_the_details_go()
    {
        string essential = "octave 1/4  step 2/10  3%  ETA 1:05:00";

        Assert.Equal($"[1/9] a.png  {essential}  64x48", DreamProgressLine.Fit("[1/9] a.png", essential, "  64x48", 80));
        Assert.Equal($"...ong.png  {essential}", DreamProgressLine.Fit("[1/9] very/long.png", essential, "  64x48", essential.Length + 12));
        Assert.Equal(essential[..20], DreamProgressLine.Fit("label", essential, "", 20));
    }

    [Fact]
    public void Anything_printed_starts_on_a_clean_line()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, errorIsTerminal: true, () => Stream.Null, () => Stream.Null, terminalWidth: 40);

        console.ShowStatus("octave 1/4  step 2/10");
        console.Error.WriteLine("dream: error: interrupted");
        console.ShowStatus("again");
        console.Out.WriteLine("wrote out.png");

        Assert.Equal("\roctave 1/4  step 2/10" + "\r" + new string(' ', 21) + "\rdream: error: interrupted\n" + "\ragain\r     \r", error.ToString());
        Assert.Equal("wrote out.png\n", output.ToString());
    }

    [Fact]
    public void Off_a_terminal_no_line_is_drawn()
    {
        var error = new StringWriter();
        var console = new CliConsole(TextWriter.Null, error, errorIsTerminal: false, () => Stream.Null, () => Stream.Null);

        console.ShowStatus("octave 1/4");
        console.Error.WriteLine("dream: error: interrupted");

        Assert.Equal("dream: error: interrupted\n", error.ToString());
    }
}
