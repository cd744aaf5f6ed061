using DeepDream.Models;
using static TorchSharp.torch;

namespace DeepDream.Tests.Import.Graph;

/// <summary>Seeded random test data and the comparison the operator tests share.</summary>
internal static class TestTensors
{
    public const double RelativeTolerance = 1e-4;

    /// <summary>Preprocessing that hands the pixels to the graph unchanged, so tests control the graph's input exactly.</summary>
    public static Preprocessing PassThrough { get; } = new(ColorOrder.Rgb, 1f, [0f, 0f, 0f], [1f, 1f, 1f]);

    public static float[] RandomFloats(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1))];

    public static float[,,,] Random4(Random random, int n, int c, int h, int w)
    {
        var array = new float[n, c, h, w];
        var values = RandomFloats(random, array.Length);
        Buffer.BlockCopy(values, 0, array, 0, values.Length * sizeof(float));
        return array;
    }

    /// <summary>Applies <paramref name="function"/> to every element.</summary>
    public static float[,,,] Map(float[,,,] values, Func<float, float> function)
    {
        var result = (float[,,,])values.Clone();
        for (int n = 0; n < result.GetLength(0); n++)
        for (int c = 0; c < result.GetLength(1); c++)
        for (int i = 0; i < result.GetLength(2); i++)
        for (int j = 0; j < result.GetLength(3); j++)
            result[n, c, i, j] = function(values[n, c, i, j]);
        return result;
    }

    public static float[] Flat(Array array) => [.. array.Cast<float>()];

    public static long[] Shape(Array array) => [.. Enumerable.Range(0, array.Rank).Select(axis => (long)array.GetLength(axis))];

    public static Tensor ToTensor(Array array) => tensor(Flat(array), Shape(array));

    /// <summary>Same shape, and every value within <see cref="RelativeTolerance"/> of the reference (relative to max(1, |expected|)).</summary>
    public static void AssertClose(Array expected, Tensor actual)
    {
        Assert.Equal(Shape(expected), actual.shape);
        var expectedValues = Flat(expected);
        var actualValues = actual.detach().cpu().contiguous().data<float>().ToArray();
        for (int i = 0; i < expectedValues.Length; i++)
        {
            double tolerance = RelativeTolerance * Math.Max(1, Math.Abs(expectedValues[i]));
            Assert.True(Math.Abs(expectedValues[i] - actualValues[i]) <= tolerance,
                $"value {i}: expected {expectedValues[i]}, got {actualValues[i]}");
        }
    }
}
