using System.Globalization;
using DeepDream.Dreaming;

namespace DeepDream.Sequences;

/// <summary>How each frame of a zoom moves from the previous one.</summary>
/// <param name="Zoom">Magnification per frame about the centre: 1.05 zooms in by 5 %, below 1 zooms out.</param>
/// <param name="RotateDegrees">Rotation per frame; positive turns the picture anticlockwise.</param>
/// <param name="Padding">What fills the area a zoom-out or rotation reveals.</param>
public sealed record ZoomMotion(double Zoom = 1.05, double RotateDegrees = 0, WarpPadding Padding = WarpPadding.Reflection)
{
    /// <summary>Checks ranges; throws <see cref="DreamSettingsException"/> naming the option.</summary>
    public void Validate()
    {
        if (!(Zoom >= 0.5 && Zoom <= 2))
            throw new DreamSettingsException($"--zoom {Format(Zoom)}: must be between 0.5 and 2 (1.05 zooms in 5 % per frame)");
        if (!(RotateDegrees >= -180 && RotateDegrees <= 180))
            throw new DreamSettingsException($"--rotate {Format(RotateDegrees)}: must be between -180 and 180 degrees");
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
