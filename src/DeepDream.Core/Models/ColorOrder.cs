namespace DeepDream.Models;

/// <summary>Channel order a model expects.</summary>
public enum ColorOrder
{
    Rgb,
    Bgr,
}
