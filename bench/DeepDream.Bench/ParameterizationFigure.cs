using System.Globalization;
using DeepDream.Dreaming;
using DeepDream.Dreaming.Parameterizations;
using DeepDream.Imaging;
using DeepDream.Models;
using DeepDream.Sheets;
using DeepDream.Visualization;
using static TorchSharp.torch;

namespace DeepDream.Bench;

/// <summary>
/// The figure behind the feature-visualisation defaults: for each channel, each way of stepping dreams the same
/// noise for the same number of steps; measured on the finished image, seen plainly (no jitter, scale or turn):
/// the channel's mean squared activation (the objective the dream climbs), and the share of the image's spectral
/// energy above half the Nyquist frequency (fine, pixel-level detail; a photo has little). Prints one RESULT line
/// per channel and way, a SUMMARY per way, and writes a sheet with one row per way.
/// </summary>
internal static class ParameterizationFigure
{
    /// <summary>Frequencies above this many cycles per pixel count as high (half the Nyquist frequency).</summary>
    private const double HighFrequency = 0.25;

    private static readonly DreamSettings Visualize = DreamPresets.For(DreamPreset.Visualize);

    private static readonly (string Name, DreamSettings Settings)[] Ways =
    [
        ("pixel", Visualize with { Parameterization = Parameterization.Pixel, DecorrelateColors = false, RandomScale = 0, RandomRotation = 0 }),
        ("pixel+views", Visualize with { Parameterization = Parameterization.Pixel, DecorrelateColors = false }),
        ("fourier+decorrelated+views", Visualize),
        ("laplacian+decorrelated+views", Visualize with { Parameterization = Parameterization.Laplacian }),
    ];

    /// <param name="ways">The ways to compare (names as in the RESULT lines); null for all.</param>
    /// <param name="stepSize">The step size of every way; null keeps the preset's.</param>
    public static void Run(IDreamNetwork network, string units, int size, int steps, string sheetPath, string? photoPath,
        IReadOnlyCollection<string>? ways = null, float? stepSize = null)
    {
        var unitList = FeatureVisualizer.UnitsOf(LayerObjective.Parse(units));
        if (photoPath is not null)
        {
            using var photo = ImageTensor.ToTensor(ImageFile.Read(photoPath, ImageReadOptions.Default), CPU);
            Console.WriteLine(Invariant($"REFERENCE photo={Path.GetFileName(photoPath)} high_frequency_share={HighFrequencyShare(photo):F4}"));
        }
        var tiles = new List<SheetTile>();
        foreach (var (name, settings) in Ways.Where(way => ways is null || ways.Contains(way.Name)))
        {
            var visualizer = new FeatureVisualizer(network, settings with { Steps = steps, StepSize = stepSize ?? settings.StepSize }, unitList);
            var dreamed = visualizer.Visualize(size, size, images: 1, noiseAmplitude: 20);
            var activations = new List<double>();
            var shares = new List<double>();
            foreach (var unit in dreamed)
            {
                var image = unit.Images[0].Image;
                using var pixels = ImageTensor.ToTensor(image, network.Device);
                activations.Add(Activation(network, unit.Unit, pixels));
                shares.Add(HighFrequencyShare(pixels));
                Console.WriteLine(Invariant(
                    $"RESULT way={name} unit={unit.Unit} steps={steps} size={size} activation={activations[^1]:F2} high_frequency_share={shares[^1]:F4}"));
                tiles.Add(new SheetTile(image, [Invariant($"{name}"), Invariant($"{unit.Unit}  act {activations[^1]:F0}  hf {shares[^1]:F2}")]));
            }
            Console.WriteLine(Invariant(
                $"SUMMARY way={name} activation_mean={activations.Average():F2} activation_median={Statistics.Median(activations):F2} high_frequency_share_mean={shares.Average():F4}"));
        }
        var sheet = ContactSheet.Render(tiles, SheetLayout.Default with { Columns = unitList.Count, TileWidth = size, FontSize = 11 });
        ImageFile.Write(sheet, sheetPath, ImageWriteOptions.Default);
        Console.WriteLine($"# wrote {sheetPath}");
    }

    /// <summary>The unit's mean squared activation on the image (1×3×H×W, 0-255), as the dream's objective.</summary>
    private static double Activation(IDreamNetwork network, LayerObjective unit, Tensor pixels)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var map = network.Forward(pixels, [unit.Layer])[unit.Layer].narrow(1, unit.Channels![0], 1);
        if (unit.AtCenter) map = map.narrow(2, map.shape[2] / 2, 1).narrow(3, map.shape[3] / 2, 1);
        return map.square().mean().item<float>();
    }

    /// <summary>The share (0-1) of the image's spectral energy, each colour's mean removed, above <see cref="HighFrequency"/>.</summary>
    private static double HighFrequencyShare(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        long height = pixels.shape[2], width = pixels.shape[3];
        var centred = pixels - pixels.mean([2, 3], keepdim: true);
        var power = fft.rfft2(centred).abs().square().sum([0, 1]);             // H × (W/2+1)
        var fy = fft.fftfreq(height).view(-1, 1);
        var fx = fft.rfftfreq(width).view(1, -1);
        // Columns other than the first (and the last, for even widths) stand for two mirrored frequencies.
        var weight = ones(1, width / 2 + 1).mul_(2);
        weight[0, 0] = tensor(1f);
        if (width % 2 == 0) weight[0, -1] = tensor(1f);
        var energy = power.mul(weight);
        var high = (fy.square() + fx.square()).sqrt().gt(HighFrequency);
        return energy.masked_select(high).sum().item<float>() / energy.sum().item<float>();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
