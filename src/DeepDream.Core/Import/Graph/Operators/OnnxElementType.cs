namespace DeepDream.Import.Graph.Operators;

/// <summary>The ONNX TensorProto.DataType codes the executor understands (as in Cast's <c>to</c> attribute).</summary>
internal static class OnnxElementType
{
    public const long Float = 1;
    public const long Int32 = 6;
    public const long Int64 = 7;
    public const long Float16 = 10;
    public const long Double = 11;
}
