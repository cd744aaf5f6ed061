namespace DeepDream.Tests.Import.Tfjs;

/// <summary>
/// Plain-loop Keras/TF layer semantics on one channels_last image ([height, width, channels]), written from the
/// TF documentation, to check the imported graph against. 'same' means output = ceil(size / stride) with the odd
/// padding pixel at the end; pooling ignores padded cells.
/// </summary>
internal static class KerasReference
{
    public static (int Output, int Before) Same(int size, int kernel, int stride)
    {
        int output = (size + stride - 1) / stride;
        int total = Math.Max((output - 1) * stride + kernel - size, 0);
        return (output, total / 2);
    }

    /// <summary>kernel: [kh, kw, in, out] flattened; padding 'same'.</summary>
    public static float[,,] Conv2DSame(float[,,] x, float[] kernel, float[]? bias, int kh, int kw, int outChannels, int stride)
    {
        int height = x.GetLength(0), width = x.GetLength(1), inChannels = x.GetLength(2);
        var (oh, top) = Same(height, kh, stride);
        var (ow, left) = Same(width, kw, stride);
        var y = new float[oh, ow, outChannels];
        for (int i = 0; i < oh; i++)
            for (int j = 0; j < ow; j++)
                for (int o = 0; o < outChannels; o++)
                {
                    double sum = bias?[o] ?? 0;
                    for (int u = 0; u < kh; u++)
                        for (int v = 0; v < kw; v++)
                        {
                            int r = i * stride + u - top, c = j * stride + v - left;
                            if (r < 0 || r >= height || c < 0 || c >= width) continue;
                            for (int k = 0; k < inChannels; k++)
                                sum += x[r, c, k] * kernel[((u * kw + v) * inChannels + k) * outChannels + o];
                        }
                    y[i, j, o] = (float)sum;
                }
        return y;
    }

    /// <summary>kernel: [kh, kw, in, multiplier] flattened; output channel k·multiplier+m; padding 'same', stride 1.</summary>
    public static float[,,] DepthwiseSame(float[,,] x, float[] kernel, float[] bias, int k, int multiplier)
    {
        int height = x.GetLength(0), width = x.GetLength(1), channels = x.GetLength(2);
        var (_, before) = Same(height, k, 1);
        var y = new float[height, width, channels * multiplier];
        for (int i = 0; i < height; i++)
            for (int j = 0; j < width; j++)
                for (int c = 0; c < channels; c++)
                    for (int m = 0; m < multiplier; m++)
                    {
                        double sum = bias[c * multiplier + m];
                        for (int u = 0; u < k; u++)
                            for (int v = 0; v < k; v++)
                            {
                                int r = i + u - before, s = j + v - before;
                                if (r < 0 || r >= height || s < 0 || s >= width) continue;
                                sum += x[r, s, c] * kernel[((u * k + v) * channels + c) * multiplier + m];
                            }
                        y[i, j, c * multiplier + m] = (float)sum;
                    }
        return y;
    }

    public static float[,,] BatchNorm(float[,,] x, float[] beta, float[] mean, float[] variance, float epsilon) =>
        Map(x, (value, c) => (float)((value - mean[c]) / Math.Sqrt(variance[c] + epsilon) + beta[c]));

    public static float[,,] Relu(float[,,] x) => Map(x, (value, _) => Math.Max(0, value));

    public static float[,,] ZeroPad(float[,,] x, int top, int bottom, int left, int right)
    {
        int height = x.GetLength(0), width = x.GetLength(1), channels = x.GetLength(2);
        var y = new float[height + top + bottom, width + left + right, channels];
        for (int i = 0; i < height; i++)
            for (int j = 0; j < width; j++)
                for (int c = 0; c < channels; c++)
                    y[i + top, j + left, c] = x[i, j, c];
        return y;
    }

    public static float[,,] PoolSame(float[,,] x, int k, int stride, bool max)
    {
        int height = x.GetLength(0), width = x.GetLength(1), channels = x.GetLength(2);
        var (oh, top) = Same(height, k, stride);
        var (ow, left) = Same(width, k, stride);
        var y = new float[oh, ow, channels];
        for (int i = 0; i < oh; i++)
            for (int j = 0; j < ow; j++)
                for (int c = 0; c < channels; c++)
                {
                    double best = double.NegativeInfinity, sum = 0;
                    int count = 0;
                    for (int u = 0; u < k; u++)
                        for (int v = 0; v < k; v++)
                        {
                            int r = i * stride + u - top, s = j * stride + v - left;
                            if (r < 0 || r >= height || s < 0 || s >= width) continue;
                            best = Math.Max(best, x[r, s, c]);
                            sum += x[r, s, c];
                            count++;
                        }
                    y[i, j, c] = (float)(max ? best : sum / count);
                }
        return y;
    }

    public static float[,,] ConcatChannels(float[,,] a, float[,,] b)
    {
        int height = a.GetLength(0), width = a.GetLength(1), ca = a.GetLength(2), cb = b.GetLength(2);
        var y = new float[height, width, ca + cb];
        for (int i = 0; i < height; i++)
            for (int j = 0; j < width; j++)
            {
                for (int c = 0; c < ca; c++) y[i, j, c] = a[i, j, c];
                for (int c = 0; c < cb; c++) y[i, j, ca + c] = b[i, j, c];
            }
        return y;
    }

    public static float[,,] Add(float[,,] a, float[,,] b)
    {
        var y = (float[,,])a.Clone();
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                for (int c = 0; c < a.GetLength(2); c++)
                    y[i, j, c] += b[i, j, c];
        return y;
    }

    public static float[,,] Clip(float[,,] x, float max) => Map(x, (value, _) => Math.Clamp(value, 0, max));

    public static float[,] GlobalAverage(float[,,] x)
    {
        int height = x.GetLength(0), width = x.GetLength(1), channels = x.GetLength(2);
        var y = new float[1, channels];
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            for (int i = 0; i < height; i++)
                for (int j = 0; j < width; j++)
                    sum += x[i, j, c];
            y[0, c] = (float)(sum / (height * width));
        }
        return y;
    }

    /// <summary>Flatten (row-major H, W, C, as Keras does) then x·kernel + bias, then tanh.</summary>
    public static float[,] DenseTanhOfFlattened(float[,,] x, float[] kernel, float[] bias)
    {
        var flat = x.Cast<float>().ToArray();
        int units = bias.Length;
        var y = new float[1, units];
        for (int o = 0; o < units; o++)
        {
            double sum = bias[o];
            for (int i = 0; i < flat.Length; i++) sum += flat[i] * kernel[i * units + o];
            y[0, o] = (float)Math.Tanh(sum);
        }
        return y;
    }

    /// <summary>[H, W, C] → [1, C, H, W], the layout the graph produces.</summary>
    public static float[,,,] ChannelsFirst(float[,,] x)
    {
        int height = x.GetLength(0), width = x.GetLength(1), channels = x.GetLength(2);
        var y = new float[1, channels, height, width];
        for (int i = 0; i < height; i++)
            for (int j = 0; j < width; j++)
                for (int c = 0; c < channels; c++)
                    y[0, c, i, j] = x[i, j, c];
        return y;
    }

    private static float[,,] Map(float[,,] x, Func<float, int, float> f)
    {
        var y = new float[x.GetLength(0), x.GetLength(1), x.GetLength(2)];
        for (int i = 0; i < x.GetLength(0); i++)
            for (int j = 0; j < x.GetLength(1); j++)
                for (int c = 0; c < x.GetLength(2); c++)
                    y[i, j, c] = f(x[i, j, c], c);
        return y;
    }
}
