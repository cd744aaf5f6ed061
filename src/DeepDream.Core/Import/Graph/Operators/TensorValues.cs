using TorchSharp;
using static TorchSharp.torch;

namespace DeepDream.Import.Graph.Operators;

/// <summary>Small helpers the kernels share for reading inputs.</summary>
internal static class TensorValues
{
    public static Tensor? Optional(Tensor?[] inputs, int index) => index < inputs.Length ? inputs[index] : null;

    /// <summary>
    /// The values of a small integer tensor (a shape, axes, pads). Such tensors live on the CPU, so this
    /// normally costs no device transfer.
    /// </summary>
    public static long[] ToLongs(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.to(ScalarType.Int64, CPU).data<long>().ToArray();
    }

    /// <summary>
    /// Moves whichever operand sits on the CPU to the other's device. Integer constants stay on the CPU
    /// (they mostly feed shape arithmetic), so they can meet device tensors in element-wise operators.
    /// </summary>
    public static (Tensor Left, Tensor Right) OnOneDevice(Tensor left, Tensor right)
    {
        if (left.device_type == right.device_type) return (left, right);
        return left.device_type == DeviceType.CPU ? (left.to(right.device), right) : (left, right.to(left.device));
    }

    /// <summary>Turns a possibly negative ONNX axis into a dimension index for a tensor of the given rank.</summary>
    public static long Axis(long axis, long rank) => axis < 0 ? axis + rank : axis;
}
