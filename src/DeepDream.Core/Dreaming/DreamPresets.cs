using DeepDream.Dreaming.Parameterizations;

namespace DeepDream.Dreaming;

/// <summary>The exact settings behind each <see cref="DreamPreset"/> (README lists them).</summary>
public static class DreamPresets
{
    public static DreamSettings For(DreamPreset preset) => preset switch
    {
        DreamPreset.Subtle => new DreamSettings { Octaves = 3, Steps = 6, StepSize = 1.0f, Jitter = 16 },
        DreamPreset.Deep => new DreamSettings { Octaves = 6, Steps = 20, StepSize = 2.0f, GradientBlur = [0.5f, 1f] },
        DreamPreset.Smoke => new DreamSettings { MaxSide = 128, Octaves = 1, Steps = 2, Jitter = 0, Seed = 0 },
        DreamPreset.Visualize => new DreamSettings
        {
            Octaves = 1, Steps = 128, Jitter = 8, RandomScale = 0.1f, RandomRotation = 5,
            Parameterization = Parameterization.Fourier, DecorrelateColors = true, Diversity = 1,
        },
        _ => new DreamSettings(),
    };
}
