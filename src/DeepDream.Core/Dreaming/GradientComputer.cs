using static TorchSharp.torch;

namespace DeepDream.Dreaming;

/// <summary>
/// The objective's gradient with respect to an image, whole or in tiles. Large octaves are cut into tiles so that
/// memory stays bounded; each tile is run with a margin of surrounding context and only its centre's gradient is
/// kept, so tile edges see the same neighbourhood as in one pass, and the per-step random roll moves the seams
/// around so none can build up. Objectives that need the whole image (<see cref="Objective.NeedsWholeImage"/>) are
/// never tiled.
/// </summary>
internal sealed class GradientComputer
{
    /// <summary>Context around each tile, in pixels: enough for mid-level layers' receptive fields to see past the edge.</summary>
    public const int Margin = 48;
    private readonly Objective _objective;
    private readonly int _tile;

    public GradientComputer(Objective objective, int tileSize, long autoTilePixels, int height, int width)
    {
        _objective = objective;
        bool tiled = !objective.NeedsWholeImage &&
            (tileSize > 0 ? Math.Max(height, width) > tileSize : (long)height * width > autoTilePixels);
        _tile = !tiled ? 0 : tileSize > 0 ? tileSize : 512;
    }

    /// <summary>Whether this octave is computed in tiles.</summary>
    public bool Tiled => _tile > 0;

    /// <summary>
    /// The gradient (same shape as <paramref name="image"/>) of the objective evaluated on the image as
    /// <paramref name="view"/> shows it, carried back through the view to the image; and the objective's value.
    /// </summary>
    public (Tensor Gradient, double Value) Compute(Tensor image, ImageTransform view)
    {
        if (view.IsShiftOnly) return Compute(image, view.ShiftY, view.ShiftX);
        using var x = image.detach().requires_grad_(true);
        using var warped = view.Warp(x);
        var (gradient, value) = Compute(warped.detach(), view.ShiftY, view.ShiftX);
        using (gradient) warped.backward([gradient]);
        return (x.grad!.detach(), value);
    }

    /// <summary>Of the image rolled by (<paramref name="dy"/>, <paramref name="dx"/>), rolled back.</summary>
    private (Tensor Gradient, double Value) Compute(Tensor image, int dy, int dx)
    {
        // Tiles read the rolled image and write the gradient back through the roll's index arithmetic, so that no
        // rolled copy of a large octave is made (two fewer full-size tensors per step).
        if (Tiled) return ComputeTiled(image, dy, dx);
        Tensor rolledGradient;
        double value;
        using (var rolled = image.roll([dy, dx], [2, 3]))
            (rolledGradient, value) = ComputeWhole(rolled);
        using (rolledGradient)
            return (rolledGradient.roll([-dy, -dx], [2, 3]), value);
    }

    private (Tensor Gradient, double Value) ComputeWhole(Tensor image)
    {
        using var x = image.detach().requires_grad_(true);
        using var value = _objective.Evaluate(x);
        value.backward();
        return (x.grad!.detach(), value.item<float>());
    }

    /// <summary>
    /// The tiles are laid over the image rolled by (<paramref name="dy"/>, <paramref name="dx"/>) (in rolled
    /// coordinates, as if the roll had been made); the gradient comes back unrolled.
    /// </summary>
    private (Tensor Gradient, double Value) ComputeTiled(Tensor image, int dy, int dx)
    {
        long height = image.shape[2], width = image.shape[3];
        double area = height * width;
        var gradient = zeros_like(image);
        double total = 0;
        for (long y = 0; y < height; y += _tile)
        {
            for (long x = 0; x < width; x += _tile)
            {
                using var scope = NewDisposeScope();
                long y1 = Math.Min(height, y + _tile), x1 = Math.Min(width, x + _tile);
                long ey0 = Math.Max(0, y - Margin), ex0 = Math.Max(0, x - Margin);
                long ey1 = Math.Min(height, y1 + Margin), ex1 = Math.Min(width, x1 + Margin);
                var crop = image
                    .index_select(2, RolledIndices(ey0, ey1, dy, height, image.device))
                    .index_select(3, RolledIndices(ex0, ex1, dx, width, image.device))
                    .requires_grad_(true);
                var mean = _objective.Evaluate(crop);
                // Weight by extent so each tile's mean contributes as it would to the whole image's mean.
                mean.mul((ey1 - ey0) * (ex1 - ex0) / area).backward();
                total += mean.item<float>() * (y1 - y) * (x1 - x) / area;
                var centre = crop.grad!.narrow(2, y - ey0, y1 - y).narrow(3, x - ex0, x1 - x);
                foreach (var rows in Unrolled(y, y1, dy, height))
                {
                    foreach (var columns in Unrolled(x, x1, dx, width))
                    {
                        gradient.narrow(2, rows.Target, rows.Length).narrow(3, columns.Target, columns.Length)
                            .copy_(centre.narrow(2, rows.Source, rows.Length).narrow(3, columns.Source, columns.Length));
                    }
                }
            }
        }
        return (gradient, total);
    }

    /// <summary>Positions in the image of rolled positions <paramref name="start"/>..<paramref name="end"/> (exclusive).</summary>
    private static Tensor RolledIndices(long start, long end, int shift, long size, Device device) =>
        arange(start, end, dtype: ScalarType.Int64, device: device).sub_(shift).remainder_(size);

    /// <summary>
    /// Rolled positions <paramref name="start"/>..<paramref name="end"/> (exclusive) as at most two runs that are
    /// contiguous in the image: offset from <paramref name="start"/>, position in the image, length.
    /// </summary>
    private static IEnumerable<(long Source, long Target, long Length)> Unrolled(long start, long end, int shift, long size)
    {
        long target = ((start - shift) % size + size) % size;
        long first = Math.Min(end - start, size - target);
        yield return (0, target, first);
        if (first < end - start) yield return (first, 0, end - start - first);
    }
}
