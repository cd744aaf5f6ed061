using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepDream.Import.Graph.Operators;

/// <summary>
/// ONNX operators that rearrange or pad data without arithmetic: Reshape, Flatten, Transpose, Concat, Squeeze,
/// Unsqueeze, Pad, Slice, and the pass-throughs Identity and Dropout (inference: no dropout).
/// </summary>
internal static class LayoutOperators
{
    public static OperatorKernel Identity(OperatorContext context)
    {
        context.RequireInputs(1);
        return inputs => inputs[0]!.alias();
    }

    /// <summary>
    /// Target shape from the second input (an attribute before opset 5): 0 copies the input's dimension (unless
    /// allowzero), −1 is inferred.
    /// </summary>
    public static OperatorKernel Reshape(OperatorContext context)
    {
        var shapeAttribute = context.OpsetVersion < 5 ? context.Node.Ints("shape")?.ToArray() ?? throw context.Error("has no shape") : null;
        context.RequireInputs(shapeAttribute is null ? 2 : 1);
        bool allowZero = context.Node.Int("allowzero", 0) != 0;
        return inputs =>
        {
            var input = inputs[0]!;
            var shape = shapeAttribute is null ? TensorValues.ToLongs(inputs[1]!) : (long[])shapeAttribute.Clone();
            if (!allowZero)
            {
                for (int i = 0; i < shape.Length; i++)
                    if (shape[i] == 0) shape[i] = input.shape[i];
            }
            return input.reshape(shape);
        };
    }

    /// <summary>To 2-D: the dimensions before <c>axis</c> become rows, the rest columns.</summary>
    public static OperatorKernel Flatten(OperatorContext context)
    {
        context.RequireInputs(1);
        long axis = context.Node.Int("axis", 1);
        return inputs =>
        {
            var shape = inputs[0]!.shape;
            int split = (int)TensorValues.Axis(axis, shape.Length);
            long rows = shape.Take(split).Aggregate(1L, (a, b) => a * b);
            long columns = shape.Skip(split).Aggregate(1L, (a, b) => a * b);
            return inputs[0]!.reshape(rows, columns);
        };
    }

    public static OperatorKernel Transpose(OperatorContext context)
    {
        context.RequireInputs(1);
        var permutation = context.Node.Ints("perm")?.ToArray();
        return inputs =>
        {
            var input = inputs[0]!;
            return input.permute(permutation ?? [.. Enumerable.Range(0, (int)input.dim()).Reverse().Select(axis => (long)axis)]);
        };
    }

    /// <summary>Concat along <c>axis</c>, which opset 1-3 let exporters leave out (meaning 1, the channels).</summary>
    public static OperatorKernel Concat(OperatorContext context)
    {
        context.RequireInputs(1);
        long axis = context.Node.Int("axis", context.OpsetVersion < 4 ? 1 : 0);
        return inputs => cat([.. inputs.OfType<Tensor>()], axis);
    }

    /// <summary>Axes are an attribute before opset 13 and an input from then on.</summary>
    public static OperatorKernel Unsqueeze(OperatorContext context)
    {
        long[]? axesAttribute = null;
        if (context.OpsetVersion < 13)
        {
            context.RequireInputs(1);
            axesAttribute = context.Node.Ints("axes")?.ToArray() ?? throw context.Error("has no axes");
        }
        else
        {
            context.RequireInputs(2);
        }
        return inputs =>
        {
            var input = inputs[0]!;
            var axes = axesAttribute ?? TensorValues.ToLongs(inputs[1]!);
            long rank = input.dim() + axes.Length;
            var result = input.alias();
            foreach (long axis in axes.Select(axis => TensorValues.Axis(axis, rank)).Order())
                result = result.unsqueeze(axis);
            return result;
        };
    }

    /// <summary>Axes are an optional attribute before opset 13 and an optional input from then on; none squeezes every 1.</summary>
    public static OperatorKernel Squeeze(OperatorContext context)
    {
        context.RequireInputs(1);
        var axesAttribute = context.OpsetVersion < 13 ? context.Node.Ints("axes")?.ToArray() : null;
        return inputs =>
        {
            var input = inputs[0]!;
            var axesInput = TensorValues.Optional(inputs, 1);
            var axes = axesAttribute ?? (axesInput is null ? null : TensorValues.ToLongs(axesInput));
            if (axes is null) return input.squeeze();
            var result = input.alias();
            foreach (long axis in axes.Select(axis => TensorValues.Axis(axis, input.dim())).OrderDescending())
                result = result.squeeze(axis);
            return result;
        };
    }

    /// <summary>
    /// Constant-mode Pad. Pads are ONNX-ordered (all starts, then all ends) and, from opset 11, an input, as are
    /// the fill value and (opset 18) the axes they apply to. Negative pads crop.
    /// </summary>
    public static OperatorKernel Pad(OperatorContext context)
    {
        context.RequireInputs(context.OpsetVersion < 11 ? 1 : 2);
        string mode = context.Node.String("mode", "constant");
        if (mode != "constant") throw context.Error($"uses pad mode '{mode}'; only 'constant' is supported");
        if (context.OpsetVersion < 11)
        {
            var pads = context.Node.Ints("pads")?.ToArray() ?? throw context.Error("has no pads");
            float value = context.Node.Float("value", 0f);
            return inputs => F.pad(inputs[0]!, TorchPads(context, pads, null, inputs[0]!.dim()), value: value);
        }
        return inputs =>
        {
            var input = inputs[0]!;
            var fill = TensorValues.Optional(inputs, 2);
            var axes = TensorValues.Optional(inputs, 3);
            var pads = TorchPads(context, TensorValues.ToLongs(inputs[1]!), axes is null ? null : TensorValues.ToLongs(axes), input.dim());
            return F.pad(input, pads, value: fill is null ? 0 : fill.ToDouble());
        };
    }

    /// <summary>ONNX pads [start₀ … startₖ, end₀ … endₖ] for the given axes → torch's pad list, last axis first.</summary>
    private static long[] TorchPads(OperatorContext context, long[] pads, long[]? axes, long rank)
    {
        axes ??= [.. Enumerable.Range(0, (int)rank).Select(axis => (long)axis)];
        if (pads.Length != 2 * axes.Length)
            throw context.Error($"has {pads.Length} pads for {axes.Length} axes");
        var torchPads = new long[2 * rank];
        for (int i = 0; i < axes.Length; i++)
        {
            long fromLast = rank - 1 - TensorValues.Axis(axes[i], rank);
            torchPads[2 * fromLast] = pads[i];
            torchPads[2 * fromLast + 1] = pads[i + axes.Length];
        }
        return torchPads;
    }

    /// <summary>
    /// Slice: starts, ends, axes and steps are attributes before opset 10 and inputs from then on. Bounds are clamped
    /// as ONNX says (ends may be "infinite"); negative steps walk backwards (exporters use them to reverse channels).
    /// </summary>
    public static OperatorKernel Slice(OperatorContext context)
    {
        context.RequireInputs(context.OpsetVersion < 10 ? 1 : 3);
        long[]? startsAttribute = context.Node.Ints("starts")?.ToArray(), endsAttribute = context.Node.Ints("ends")?.ToArray();
        long[]? axesAttribute = context.Node.Ints("axes")?.ToArray();
        if (context.OpsetVersion < 10 && (startsAttribute is null || endsAttribute is null)) throw context.Error("needs starts and ends");
        return inputs =>
        {
            var input = inputs[0]!;
            long[] starts = startsAttribute ?? TensorValues.ToLongs(inputs[1]!);
            long[] ends = endsAttribute ?? TensorValues.ToLongs(inputs[2]!);
            long[] axes = axesAttribute ?? (TensorValues.Optional(inputs, 3) is { } a ? TensorValues.ToLongs(a) : [.. Enumerable.Range(0, starts.Length).Select(i => (long)i)]);
            long[] steps = TensorValues.Optional(inputs, 4) is { } s ? TensorValues.ToLongs(s) : [.. starts.Select(_ => 1L)];
            if (ends.Length != starts.Length || axes.Length != starts.Length || steps.Length != starts.Length || steps.Contains(0))
                throw new ArgumentException("Slice: starts, ends, axes and steps must have the same length and no zero step");
            var result = input.alias();
            for (int i = 0; i < starts.Length; i++)
            {
                long axis = TensorValues.Axis(axes[i], input.dim()), size = input.shape[axis], step = steps[i];
                long start = starts[i] < 0 ? starts[i] + size : starts[i];
                long end = ends[i] < 0 ? ends[i] + size : ends[i];
                Tensor next;
                if (step > 0)
                {
                    start = Math.Clamp(start, 0, size);
                    end = Math.Clamp(end, start, size);
                    next = result.slice(axis, start, end, step);
                }
                else
                {
                    start = Math.Clamp(start, 0, size - 1);
                    end = Math.Clamp(end, -1, size - 1);
                    using var indices = arange(start, end, step, dtype: ScalarType.Int64, device: result.device);
                    next = result.index_select(axis, indices);
                }
                result.Dispose();
                result = next;
            }
            return result;
        };
    }
}
