using System.CommandLine;
using DeepDream.Dreaming;
using DeepDream.Sequences;
using DeepDream.Video;

namespace DeepDream.Cli;

/// <summary>
/// The options of <c>dream frames</c> and <c>dream video</c> that tie one frame's dream to the next: --blend, --flow
/// or --no-flow, and --layer-cycle. The two commands differ only in whether flow is on by default.
/// </summary>
internal sealed class FrameCoherenceOptions(bool flowByDefault)
{
    public Option<double> Blend { get; } = new("--blend")
    {
        Description = "How much of the previous frame's dream each frame starts from, 0-1 (0: frames dreamed independently)",
        DefaultValueFactory = _ => new FrameOptions().Blend,
    };

    public Option<bool> Flow { get; } = new("--flow")
    {
        Description = "Carry the dream along the optical flow between frames, so patterns move with the scene" +
                      (flowByDefault ? " [default]" : ""),
    };

    public Option<bool> NoFlow { get; } = new("--no-flow")
    {
        Description = "Blend with the previous dreamed frame in place instead of following the motion" + (flowByDefault ? "" : " [default]"),
    };

    public Option<string?> LayerCycle { get; } = new("--layer-cycle")
    {
        Description = "Layers the frames dream in turn, one per frame, e.g. mixed3,mixed4,mixed5 (instead of --layer)",
        HelpName = "layer,layer,...",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Blend);
        command.Options.Add(Flow);
        command.Options.Add(NoFlow);
        command.Options.Add(LayerCycle);
    }

    /// <summary>The frame options.</summary>
    /// <exception cref="UsageException">--flow with --no-flow, or --layer-cycle with --layer or --class.</exception>
    /// <exception cref="DreamSettingsException">A bad --blend or --layer-cycle entry.</exception>
    public FrameOptions Read(ParseResult parse, DreamOptions dream)
    {
        if (parse.GetValue(Flow) && parse.GetValue(NoFlow)) throw new UsageException("--flow and --no-flow: give one or the other");
        var options = new FrameOptions
        {
            Blend = parse.GetValue(Blend),
            Flow = flowByDefault ? !parse.GetValue(NoFlow) : parse.GetValue(Flow),
            LayerCycle = parse.GetValue(LayerCycle) is { } cycle ? ParseCycle(cycle) : [],
        };
        if (options.LayerCycle.Count > 0 && (parse.GetResult(dream.Layers) is { Implicit: false } || parse.GetResult(dream.Classes) is { Implicit: false }))
            throw new UsageException("--layer-cycle chooses each frame's layer; leave out --layer and --class");
        return options;
    }

    /// <summary>
    /// When the frames follow the motion, makes sure now, after the other checks and before the model loads, that
    /// optical flow can run: OpenCV's native library is installed on first use (its steps on stderr unless --quiet).
    /// </summary>
    /// <exception cref="FlowUnavailableException">It cannot; the message says why.</exception>
    public static void PrepareFlow(FrameOptions options, CommonSettings common, CliConsole console, CancellationToken cancellation)
    {
        if (options.NeedsFlow) FlowCoherence.CheckAvailable(ModelLoading.InstallMessages(common.Quiet, console), cancellation);
    }

    /// <summary>
    /// <c>a,b,c</c> as layer objectives. A part that starts with a digit continues the channel list of the entry
    /// before it, so <c>mixed4:10-20,97,mixed5</c> is two entries.
    /// </summary>
    private static List<LayerObjective> ParseCycle(string text)
    {
        var entries = new List<string>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.Length > 0 && char.IsAsciiDigit(part[0]) && entries.Count > 0 && entries[^1].Contains(':'))
                entries[^1] += "," + part;
            else
                entries.Add(part);
        }
        try
        {
            return entries.Count > 0 && entries.All(entry => entry.Length > 0)
                ? entries.Select(LayerObjective.Parse).ToList()
                : throw new DreamSettingsException(nameof(FrameOptions.LayerCycle), text, "expected layers separated by commas, e.g. mixed3,mixed4");
        }
        catch (DreamSettingsException error) when (error.Setting != nameof(FrameOptions.LayerCycle))
        {
            throw new DreamSettingsException(nameof(FrameOptions.LayerCycle), text, error.Problem);
        }
    }
}
