using System.Globalization;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Pipeline;
using DeepDream.Sequences;

namespace DeepDream.Sheets;

/// <summary>
/// A contact sheet of one photo dreamed with several (model, layer) pairs and the same settings: the original first,
/// then one tile per dream, labelled with the model, the layer and how much the objective rose. The caller loads each
/// model once and adds a dream per layer (<see cref="Add"/>), then writes the sheet (<see cref="Write"/>), which
/// records every tile's model and layer in its metadata.
/// </summary>
/// <param name="photo">The image every tile dreams on.</param>
/// <param name="source">Where it came from, for the sheet's record.</param>
public sealed class LayerSheet(RgbImage photo, DreamSource source)
{
    private readonly List<SheetTile> _tiles = [new(photo, ["original", Label(source, photo)])];
    private readonly List<RecordedTile> _recorded = [];
    private DreamRecord? _record;

    /// <summary>The tiles so far: the original, then one per dream in the order added.</summary>
    public IReadOnlyList<SheetTile> Tiles => _tiles;

    /// <summary>
    /// Dreams the photo with <paramref name="pipeline"/> (whose settings name one objective, e.g. one layer) and adds
    /// the result as a tile. Every pipeline added must share the settings other than the objective.
    /// </summary>
    /// <exception cref="ArgumentException">Settings other than the objective differ from the first pipeline's.</exception>
    public DreamedImage Add(DreamPipeline pipeline, IProgress<DreamEvent>? events = null, CancellationToken cancellation = default)
    {
        var shared = Shared(pipeline.Settings);
        if (_record is not null && SettingsKey.Create("", _record.Settings, null) != SettingsKey.Create("", shared, null))
            throw new ArgumentException("every dream on a sheet must share its settings but the objective", nameof(pipeline));
        var dreamed = pipeline.Dream(photo, events, cancellation);
        var record = pipeline.Record(source, photo);
        _record ??= record with { Model = null, Settings = shared };
        string objective = pipeline.Settings.Describe();
        _recorded.Add(new RecordedTile(record.Model!, objective));
        _tiles.Add(new SheetTile(dreamed.Image, [$"{pipeline.Network.Name} · {objective}", Rise(dreamed)]));
        return dreamed;
    }

    /// <summary>
    /// Renders the sheet with <paramref name="layout"/> (its title, when null, names the photo and the settings) and
    /// writes it to <paramref name="target"/> atomically, recording the settings and every tile's model and layer.
    /// </summary>
    /// <exception cref="InvalidOperationException">No dream was added.</exception>
    /// <exception cref="DreamOutputException">The target cannot be written, or the sheet would be too large.</exception>
    public RgbImage Write(ImageTarget target, SheetLayout? layout = null)
    {
        var record = _record ?? throw new InvalidOperationException("add at least one dream before writing the sheet");
        target.Check();
        layout ??= SheetLayout.Default;
        var sheet = ContactSheet.Render(_tiles, layout.Title is null ? layout with { Title = Title(record.Settings) } : layout);
        var output = target.Format is { } format ? new RecordedOutput(format, target.Options.Quality) : null;
        target.WithRecipe((record with { Sheet = _recorded, Output = output }).ToJson()).Write(sheet);
        return sheet;
    }

    /// <summary>The settings every tile shares: all but the objective.</summary>
    private static DreamSettings Shared(DreamSettings settings) => settings with { Layers = [], Classes = [] };

    /// <summary>"objective ×3.2" (last step over first), or both values where a ratio means nothing.</summary>
    internal static string Rise(DreamedImage dreamed)
    {
        if (dreamed.ObjectiveFirst is not { } first || dreamed.ObjectiveLast is not { } last) return "no steps taken";
        double ratio = last / first;
        return first > 0 && double.IsFinite(ratio)
            ? string.Create(CultureInfo.InvariantCulture, $"objective ×{ratio.ToString(ratio >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture)}")
            : string.Create(CultureInfo.InvariantCulture, $"objective {first:G3} → {last:G3}");
    }

    private string Title(DreamSettings settings) => string.Create(CultureInfo.InvariantCulture,
        $"{Label(source, photo)} · {settings.Octaves} octaves × {settings.OctaveScale}, {settings.Steps} steps of {settings.StepSize}, jitter {settings.Jitter}, seed {settings.Seed}");

    private static string Label(DreamSource source, RgbImage photo) =>
        $"{(source.Kind == DreamSourceKind.File ? Path.GetFileName(source.Path) : source.ToString())} ({photo.Width}x{photo.Height})";
}
