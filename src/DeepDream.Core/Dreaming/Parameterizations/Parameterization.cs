namespace DeepDream.Dreaming.Parameterizations;

/// <summary>
/// The coordinates in which the dream takes its steps ("image parameterisation", Lucid and Distill's Feature
/// Visualization). The image is the same in all of them; what differs is which changes one step favours.
/// </summary>
public enum Parameterization
{
    /// <summary>Pixels, with the step normalised over the whole image (Google's notebook; the classic look).</summary>
    Pixel,

    /// <summary>
    /// 2-D Fourier coefficients scaled by 1/frequency, so that equal steps in every coefficient give an image change
    /// with the 1/f spectrum of natural photos: large, smooth structure first, no pixel noise.
    /// </summary>
    Fourier,

    /// <summary>
    /// A Laplacian pyramid: the image is the sum of a full-resolution layer and layers at 1/2, 1/4 and 1/8 of the size,
    /// bilinearly enlarged, so coarse structure grows as readily as fine.
    /// </summary>
    Laplacian,
}
