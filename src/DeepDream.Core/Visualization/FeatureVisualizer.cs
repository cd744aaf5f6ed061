using System.Globalization;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Models;
using DeepDream.Pipeline;
using DeepDream.Sheets;

namespace DeepDream.Visualization;

/// <summary>
/// Feature visualisation: for each unit of a layer (a channel, or the neuron at a channel's centre), images dreamed
/// from noise that the unit responds to, laid out on a labelled contact sheet. Several images per unit are dreamed
/// together and pushed apart by <see cref="DreamSettings.Diversity"/>.
/// </summary>
/// <remarks>
/// Every unit's settings are completed and checked (<see cref="DreamPipeline"/>) before the first dream, so a channel
/// the layer lacks fails at once. The caller keeps ownership of the network.
/// </remarks>
public sealed class FeatureVisualizer
{
    private readonly IReadOnlyList<DreamPipeline> _pipelines;

    /// <param name="network">The network; not disposed.</param>
    /// <param name="settings">The dream settings; their <see cref="DreamSettings.Layers"/> are replaced by each unit.</param>
    /// <param name="units">One term per image (or row of images), e.g. from <see cref="UnitsOf"/>.</param>
    /// <exception cref="DreamSettingsException">No units, or a unit the network cannot dream (a channel out of range).</exception>
    /// <exception cref="UnknownLayerException">A layer the network does not have.</exception>
    public FeatureVisualizer(IDreamNetwork network, DreamSettings settings, IReadOnlyList<LayerObjective> units)
    {
        if (units.Count == 0) throw new DreamSettingsException(nameof(DreamSettings.Layers), null, "no channel to visualise");
        Units = units;
        _pipelines = units.Select(unit => new DreamPipeline(network, settings with { Layers = [unit], Classes = [], ClassLabels = [] })).ToArray();
    }

    /// <summary>Most images dreamed together per unit.</summary>
    public const int MaxImages = 64;

    public IReadOnlyList<LayerObjective> Units { get; }

    /// <summary>The settings of the first unit's dream, completed for the network (all units share them but the layer).</summary>
    public DreamSettings Settings => _pipelines[0].Settings;

    /// <summary>
    /// One term per channel of <paramref name="layer"/> (<c>layer3:0-15</c>, optionally <c>@center</c>), each with weight 1.
    /// </summary>
    /// <exception cref="DreamSettingsException">The term names no channels.</exception>
    public static IReadOnlyList<LayerObjective> UnitsOf(LayerObjective layer) =>
        layer.Channels is { Count: > 0 } channels
            ? channels.Select(channel => new LayerObjective(layer.Layer, 1f, [channel], layer.AtCenter)).ToArray()
            : throw new DreamSettingsException(nameof(DreamSettings.Layers), layer.ToString(), "name the channels to visualise, e.g. layer3:0-15");

    /// <summary>
    /// Dreams <paramref name="images"/> images of <paramref name="width"/> × <paramref name="height"/> pixels per unit,
    /// starting from noise of <paramref name="noiseAmplitude"/> (see <see cref="StartImages.Noise"/>; image i of every
    /// unit from the seed plus i). Reports <see cref="UnitStarted"/> before each unit's dream events.
    /// </summary>
    /// <exception cref="DreamSettingsException">A size or amplitude out of range, or images not within 1-<see cref="MaxImages"/>.</exception>
    public IReadOnlyList<VisualizedUnit> Visualize(int width, int height, int images, int noiseAmplitude,
        IProgress<DreamEvent>? events = null, CancellationToken cancellation = default)
    {
        if (images is < 1 or > MaxImages)
            throw new DreamSettingsException(nameof(images), images.ToString(CultureInfo.InvariantCulture), $"must be between 1 and {MaxImages}");
        var starts = Enumerable.Range(0, images).Select(i => StartImages.Noise(width, height, noiseAmplitude, Settings.Seed + i)).ToArray();
        var results = new List<VisualizedUnit>();
        for (int i = 0; i < Units.Count; i++)
        {
            events?.Report(new UnitStarted(i + 1, Units.Count, Units[i]));
            results.Add(new VisualizedUnit(Units[i], _pipelines[i].Dream(starts, events, cancellation)));
        }
        return results;
    }

    /// <summary>
    /// The contact sheet of <paramref name="units"/>: one row per unit when each has several images, else a
    /// near-square grid; each picture labelled with its unit and the objective its last step reached.
    /// </summary>
    /// <exception cref="DreamOutputException">The sheet would be too large (see <see cref="ContactSheet.Render"/>).</exception>
    public static RgbImage Sheet(IReadOnlyList<VisualizedUnit> units, SheetLayout? layout = null)
    {
        int perUnit = units.Max(unit => unit.Images.Count);
        layout ??= SheetLayout.Default with { TileWidth = 160, FontSize = 12 };
        if (perUnit > 1 && layout.Columns == 0) layout = layout with { Columns = perUnit };
        var tiles = units.SelectMany(unit => unit.Images.Select(image => new SheetTile(image.Image,
        [
            unit.Unit.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"objective {image.ObjectiveLast:G3}"),
        ]))).ToArray();
        return ContactSheet.Render(tiles, layout);
    }
}
