namespace DeepDream.Models;

/// <summary>
/// How a model wants its input, starting from RGB pixels in 0-255:
/// <c>input[c] = (pixel[order[c]] * Scale - Mean[c]) / Std[c]</c>.
/// Examples: Caffe GoogLeNet — BGR, scale 1, mean 104/117/123, std 1; Keras InceptionV3 — RGB, scale 1/127.5,
/// mean 1, std 1 (i.e. x/127.5 − 1); torchvision — RGB, scale 1/255, ImageNet mean and std.
/// </summary>
public sealed record Preprocessing(ColorOrder Order, float Scale, float[] Mean, float[] Std)
{
    /// <summary>RGB 0-255 unchanged: for listing a model's layers and shapes, which do not depend on preprocessing.</summary>
    public static Preprocessing PixelsAsTheyAre { get; } = new(ColorOrder.Rgb, 1f, [0f, 0f, 0f], [1f, 1f, 1f]);

    public static Preprocessing CaffeBgr { get; } = new(ColorOrder.Bgr, 1f, [104f, 117f, 123f], [1f, 1f, 1f]);
    public static Preprocessing KerasInception { get; } = new(ColorOrder.Rgb, 1f / 127.5f, [1f, 1f, 1f], [1f, 1f, 1f]);
    /// <summary>
    /// ML.NET's ResNet featurizers: BGR, 0-255, minus the per-channel means (B, G, R) of the 224×224 mean image in
    /// their preprocessing model (ResNetPreprocess.onnx), so that any input size works.
    /// </summary>
    public static Preprocessing MlNetResNet { get; } = new(ColorOrder.Bgr, 1f, [103.062624f, 115.902882f, 123.151631f], [1f, 1f, 1f]);

    public static Preprocessing TorchvisionImageNet { get; } =
        new(ColorOrder.Rgb, 1f / 255f, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    public override string ToString() =>
        $"{Order.ToString().ToUpperInvariant()}, scale {Scale:G6}, mean [{string.Join(", ", Mean)}], std [{string.Join(", ", Std)}]";
}
