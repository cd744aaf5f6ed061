namespace DeepDream.Dreaming;

/// <summary>Named starting points for the settings; explicit options override them.</summary>
public enum DreamPreset
{
    /// <summary>The defaults: 4 octaves at 1.4, 10 steps of 1.5, jitter 32 (Google's notebook). First: the default.</summary>
    Classic,

    /// <summary>3 octaves × 6 steps of 1.0, jitter 16: a light touch that keeps the photo recognisable.</summary>
    Subtle,

    /// <summary>6 octaves × 20 steps of 2.0 with light gradient blur (σ 0.5, 1): strong, large-scale hallucinations.</summary>
    Deep,

    /// <summary>Longest side 128 px, 1 octave × 2 steps, no jitter, seed 0: tiny, fast and deterministic, for pipeline smoke tests.</summary>
    Smoke,

    /// <summary>
    /// Feature visualisation from noise, as Lucid makes it: Fourier coordinates with decorrelated colour, one octave
    /// of many steps, and a network that sees the image jittered, rescaled and turned a little at every step.
    /// The starting settings of <c>--from-noise</c> and <c>dream visualize</c>.
    /// </summary>
    Visualize,
}
