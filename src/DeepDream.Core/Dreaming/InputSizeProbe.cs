using DeepDream.Models;
using static TorchSharp.torch;

namespace DeepDream.Dreaming;

/// <summary>
/// Finds by trial the smallest square input an objective's layers run on (convolution and pooling windows need a
/// minimum size). Used only after a failure, to tell "too small" apart from other model errors and to say what
/// size would do.
/// </summary>
internal static class InputSizeProbe
{
    /// <summary>The largest side tried; a network that fails there fails for another reason than size.</summary>
    public const int LargestSide = 512;

    /// <summary>
    /// The smallest side s such that the objective evaluates on an s×s grey image, assuming that every larger side
    /// works too; null when even <see cref="LargestSide"/> fails. Costs about ten forward passes, without gradients.
    /// </summary>
    public static int? SmallestSide(Objective objective, Device device)
    {
        if (!Runs(objective, device, LargestSide)) return null;
        int fails = 0, runs = LargestSide;
        while (runs - fails > 1)
        {
            int middle = (fails + runs) / 2;
            if (Runs(objective, device, middle)) runs = middle;
            else fails = middle;
        }
        return runs;
    }

    private static bool Runs(Objective objective, Device device, int side)
    {
        using var scope = NewDisposeScope();
        using var noGradient = no_grad();
        try
        {
            objective.Evaluate(full(1, 3, side, side, 127.5f, device: device));
            return true;
        }
        catch (ModelFormatException)
        {
            return false;
        }
    }
}
