using System.Globalization;
using DeepDream.Dreaming;

namespace DeepDream.Sequences;

/// <summary>How each frame of a zoom moves from the previous one; each value is checked as it is set.</summary>
public sealed record ZoomMotion
{
    /// <param name="zoom">See <see cref="Zoom"/>.</param>
    /// <param name="rotateDegrees">See <see cref="RotateDegrees"/>.</param>
    /// <param name="padding">See <see cref="Padding"/>.</param>
    /// <exception cref="DreamSettingsException">A value out of range, naming the property.</exception>
    public ZoomMotion(double zoom = 1.05, double rotateDegrees = 0, WarpPadding padding = WarpPadding.Reflection)
    {
        Zoom = zoom;
        RotateDegrees = rotateDegrees;
        Padding = padding;
    }

    /// <summary>Magnification per frame about the centre, 0.5-2: 1.05 zooms in by 5 %, below 1 zooms out.</summary>
    public double Zoom
    {
        get;
        init => field = value is >= 0.5 and <= 2
            ? value
            : throw new DreamSettingsException(nameof(Zoom), Format(value), "must be between 0.5 and 2 (1.05 zooms in 5 % per frame)");
    }

    /// <summary>Rotation per frame in degrees, -180 to 180; positive turns the picture anticlockwise.</summary>
    public double RotateDegrees
    {
        get;
        init => field = value is >= -180 and <= 180
            ? value
            : throw new DreamSettingsException(nameof(RotateDegrees), Format(value), "must be between -180 and 180 degrees");
    }

    /// <summary>What fills the area a zoom-out or rotation reveals.</summary>
    public WarpPadding Padding { get; init; }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
