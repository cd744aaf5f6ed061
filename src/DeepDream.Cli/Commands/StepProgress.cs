using DeepDream.Dreaming;
using DeepDream.Sequences;

namespace DeepDream.Cli.Commands;

/// <summary>
/// The terminal progress line of the commands that dream many images: a fresh <see cref="ProgressPrinter"/> for
/// each dream, labelled with the item being dreamed.
/// </summary>
internal sealed class StepProgress(CliConsole console, DreamSettings settings)
{
    /// <summary>Names the current item at the start of the line, e.g. "[3/10] cat.jpg".</summary>
    public string Label { get; set; } = "";

    public IProgress<DreamProgress> Create(int height, int width) =>
        new ProgressPrinter(console.Error, Label, Pyramid.Sizes(height, width, settings.Octaves, settings.OctaveScale), settings.Steps);

    /// <summary>The factory when progress is shown (a terminal, no --quiet); null otherwise.</summary>
    public DreamProgressFactory? FactoryFor(CommonSettings common) => common.ShowProgress(console) ? Create : null;
}
