using System.CommandLine;
using DeepDream.Dreaming;
using DeepDream.Imaging;

namespace DeepDream.Cli.Commands;

/// <summary>
/// The loaded model, the settings completed for it, and the guide image: what the batch and sequence commands
/// prepare once and use for every image.
/// </summary>
internal sealed record DreamSetup(LoadedModel Model, DreamSettings Settings, RgbImage? Guide) : IDisposable
{
    /// <summary>Reads the guide (so a bad one fails before the model loads), then loads the model once.</summary>
    public static DreamSetup Open(ParseResult parse, DreamOptions dream, DreamSettings settings, CommonSettings common,
        CliConsole console, ImageReadOptions read, CancellationToken cancellation)
    {
        var guide = parse.GetValue(dream.Guide) is { } guidePath ? ImageFile.Read(guidePath, read) : null;
        var model = ModelLoading.Open(common, console, cancellation);
        try
        {
            var completed = model.Complete(settings, dream.ClassSpecs(parse));
            Objective.Check(model.Network, completed);
            return new DreamSetup(model, completed, guide);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public void Dispose() => Model.Dispose();
}
