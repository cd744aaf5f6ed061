namespace DeepDream.Models;

/// <summary>
/// Preprocessing values given on the command line. Each one left out keeps the model's own (from the catalog or a
/// sidecar file), so <c>--std</c> alone does not drop, say, GoogLeNet's BGR order and means; for a model with no
/// preprocessing of its own they default to RGB, scale 1, mean 0, std 1.
/// </summary>
public sealed record PreprocessingOverride(ColorOrder? Order = null, float? Scale = null, float[]? Mean = null, float[]? Std = null)
{
    private static readonly Preprocessing Identity = new(ColorOrder.Rgb, 1f, [0f, 0f, 0f], [1f, 1f, 1f]);

    /// <summary>Every value set: what <paramref name="preprocessing"/> says.</summary>
    public static PreprocessingOverride All(Preprocessing preprocessing) =>
        new(preprocessing.Order, preprocessing.Scale, preprocessing.Mean, preprocessing.Std);

    /// <summary>The given values on top of <paramref name="baseline"/> (or of the identity when there is none).</summary>
    public Preprocessing ApplyTo(Preprocessing? baseline)
    {
        var from = baseline ?? Identity;
        return new Preprocessing(Order ?? from.Order, Scale ?? from.Scale, Mean ?? from.Mean, Std ?? from.Std);
    }
}
