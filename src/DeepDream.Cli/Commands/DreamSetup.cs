using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Pipeline;

namespace DeepDream.Cli.Commands;

/// <summary>The loaded model and the pipeline built on it: what every dreaming command prepares once.</summary>
internal sealed record DreamSetup(LoadedModel Model, DreamPipeline Pipeline) : IDisposable
{
    /// <summary>
    /// Loads the model once and builds the pipeline, which completes and checks the settings for it; outputs record
    /// the model's source and <paramref name="guidePath"/>.
    /// </summary>
    public static DreamSetup Open(CommonSettings common, CliConsole console, DreamSettings settings, RgbImage? guide, string? guidePath,
        CancellationToken cancellation)
    {
        var model = ModelLoading.Open(common, console, cancellation);
        try
        {
            return new DreamSetup(model, new DreamPipeline(model.Network, settings, guide)
            {
                ModelSource = model.Source,
                GuideSource = guidePath is null ? null : DreamSource.File(guidePath),
            });
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public void Dispose() => Model.Dispose();
}
