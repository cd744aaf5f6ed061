namespace DeepDream.Tests.Import.Graph;

/// <summary>
/// Plain-loop implementations of the ONNX operators on small N×C×H×W arrays, written straight from the
/// operator definitions, to check the torch kernels against. Pads are in ONNX order: top, left, bottom, right.
/// </summary>
internal static class ReferenceKernels
{
    public static float[,,,] Conv(float[,,,] x, float[,,,] w, float[]? bias, int[] strides, int[] pads, int group = 1, int dilation = 1)
    {
        int n = x.GetLength(0), h = x.GetLength(2), wd = x.GetLength(3);
        int outChannels = w.GetLength(0), groupChannels = w.GetLength(1), kh = w.GetLength(2), kw = w.GetLength(3);
        int outH = (h + pads[0] + pads[2] - dilation * (kh - 1) - 1) / strides[0] + 1;
        int outW = (wd + pads[1] + pads[3] - dilation * (kw - 1) - 1) / strides[1] + 1;
        int outPerGroup = outChannels / group;
        var y = new float[n, outChannels, outH, outW];
        for (int b = 0; b < n; b++)
        for (int o = 0; o < outChannels; o++)
        for (int i = 0; i < outH; i++)
        for (int j = 0; j < outW; j++)
        {
            double sum = bias?[o] ?? 0;
            int g = o / outPerGroup;
            for (int ci = 0; ci < groupChannels; ci++)
            for (int u = 0; u < kh; u++)
            for (int v = 0; v < kw; v++)
            {
                int row = i * strides[0] - pads[0] + u * dilation, col = j * strides[1] - pads[1] + v * dilation;
                if (row >= 0 && row < h && col >= 0 && col < wd)
                    sum += x[b, g * groupChannels + ci, row, col] * w[o, ci, u, v];
            }
            y[b, o, i, j] = (float)sum;
        }
        return y;
    }

    /// <summary>Pooling output length per ONNX: floor or ceil, and a ceil window may not start in the end padding.</summary>
    public static int PooledLength(int size, int kernel, int stride, int padStart, int padEnd, bool ceil)
    {
        int span = size + padStart + padEnd - kernel;
        int outputs = (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        if (ceil && (outputs - 1) * stride >= size + padStart) outputs--;
        return outputs;
    }

    public static float[,,,] MaxPool(float[,,,] x, int[] kernel, int[] strides, int[] pads, bool ceil) =>
        Pool(x, kernel, strides, pads, ceil, (values, _) => values.Max());

    /// <summary>With count_include_pad the divisor counts the declared padding (but not a ceil_mode overhang).</summary>
    public static float[,,,] AveragePool(float[,,,] x, int[] kernel, int[] strides, int[] pads, bool ceil, bool countIncludePad) =>
        Pool(x, kernel, strides, pads, ceil, (values, paddedCells) => values.Sum() / (countIncludePad ? paddedCells : values.Count));

    private static float[,,,] Pool(float[,,,] x, int[] kernel, int[] strides, int[] pads, bool ceil, Func<List<float>, int, float> reduce)
    {
        int n = x.GetLength(0), c = x.GetLength(1), h = x.GetLength(2), w = x.GetLength(3);
        int outH = PooledLength(h, kernel[0], strides[0], pads[0], pads[2], ceil);
        int outW = PooledLength(w, kernel[1], strides[1], pads[1], pads[3], ceil);
        var y = new float[n, c, outH, outW];
        for (int b = 0; b < n; b++)
        for (int ch = 0; ch < c; ch++)
        for (int i = 0; i < outH; i++)
        for (int j = 0; j < outW; j++)
        {
            var values = new List<float>();
            int paddedCells = 0;
            for (int u = 0; u < kernel[0]; u++)
            for (int v = 0; v < kernel[1]; v++)
            {
                int row = i * strides[0] - pads[0] + u, col = j * strides[1] - pads[1] + v;
                if (row >= -pads[0] && row < h + pads[2] && col >= -pads[1] && col < w + pads[3]) paddedCells++;
                if (row >= 0 && row < h && col >= 0 && col < w) values.Add(x[b, ch, row, col]);
            }
            y[b, ch, i, j] = reduce(values, paddedCells);
        }
        return y;
    }

    public static float[,,,] Lrn(float[,,,] x, int size, float alpha, float beta, float bias)
    {
        int n = x.GetLength(0), c = x.GetLength(1), h = x.GetLength(2), w = x.GetLength(3);
        var y = new float[n, c, h, w];
        for (int b = 0; b < n; b++)
        for (int ch = 0; ch < c; ch++)
        for (int i = 0; i < h; i++)
        for (int j = 0; j < w; j++)
        {
            double squareSum = 0;
            int first = Math.Max(0, ch - (size - 1) / 2), last = Math.Min(c - 1, ch + size / 2);
            for (int k = first; k <= last; k++) squareSum += x[b, k, i, j] * x[b, k, i, j];
            y[b, ch, i, j] = (float)(x[b, ch, i, j] / Math.Pow(bias + alpha / size * squareSum, beta));
        }
        return y;
    }

    public static float[,,,] BatchNormalization(float[,,,] x, float[] scale, float[] shift, float[] mean, float[] variance, float epsilon)
    {
        var y = (float[,,,])x.Clone();
        for (int b = 0; b < x.GetLength(0); b++)
        for (int ch = 0; ch < x.GetLength(1); ch++)
        for (int i = 0; i < x.GetLength(2); i++)
        for (int j = 0; j < x.GetLength(3); j++)
            y[b, ch, i, j] = (float)((x[b, ch, i, j] - mean[ch]) / Math.Sqrt(variance[ch] + epsilon) * scale[ch] + shift[ch]);
        return y;
    }

    /// <summary>Y = alpha · A · Bᵀ + beta · C (B stored as N×K, as transB = 1 has it).</summary>
    public static float[,] GemmTransposedB(float[,] a, float[,] b, float[] c, float alpha, float beta)
    {
        int m = a.GetLength(0), k = a.GetLength(1), columns = b.GetLength(0);
        var y = new float[m, columns];
        for (int i = 0; i < m; i++)
        for (int j = 0; j < columns; j++)
        {
            double sum = 0;
            for (int p = 0; p < k; p++) sum += a[i, p] * b[j, p];
            y[i, j] = (float)(alpha * sum + beta * c[j]);
        }
        return y;
    }

    public static float[,] SoftmaxRows(float[,] x)
    {
        var y = new float[x.GetLength(0), x.GetLength(1)];
        for (int i = 0; i < x.GetLength(0); i++)
        {
            double max = Enumerable.Range(0, x.GetLength(1)).Max(j => x[i, j]);
            double total = Enumerable.Range(0, x.GetLength(1)).Sum(j => Math.Exp(x[i, j] - max));
            for (int j = 0; j < x.GetLength(1); j++) y[i, j] = (float)(Math.Exp(x[i, j] - max) / total);
        }
        return y;
    }
}
