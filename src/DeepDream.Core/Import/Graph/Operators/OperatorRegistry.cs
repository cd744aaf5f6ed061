namespace DeepDream.Import.Graph.Operators;

/// <summary>The operators the executor runs, by ONNX op type.</summary>
internal static class OperatorRegistry
{
    private static readonly Dictionary<string, OperatorFactory> Factories = new(StringComparer.Ordinal)
    {
        ["Conv"] = ConvolutionOperator.Conv,
        ["MaxPool"] = PoolingOperators.MaxPool,
        ["AveragePool"] = PoolingOperators.AveragePool,
        ["GlobalAveragePool"] = PoolingOperators.GlobalAveragePool,
        ["GlobalMaxPool"] = PoolingOperators.GlobalMaxPool,
        ["Relu"] = ActivationOperators.Relu,
        ["LeakyRelu"] = ActivationOperators.LeakyRelu,
        ["Sigmoid"] = ActivationOperators.Sigmoid,
        ["Tanh"] = ActivationOperators.Tanh,
        ["Clip"] = ActivationOperators.Clip,
        ["Softmax"] = ActivationOperators.Softmax,
        ["Softplus"] = ActivationOperators.Softplus,
        ["Elu"] = ActivationOperators.Elu,
        ["HardSigmoid"] = ActivationOperators.HardSigmoid,
        ["PRelu"] = ActivationOperators.PRelu,
        ["LRN"] = NormalizationOperators.Lrn,
        ["BatchNormalization"] = NormalizationOperators.BatchNormalization,
        ["Add"] = ArithmeticOperators.Add,
        ["Sub"] = ArithmeticOperators.Sub,
        ["Mul"] = ArithmeticOperators.Mul,
        ["Div"] = ArithmeticOperators.Div,
        ["Pow"] = ArithmeticOperators.Pow,
        ["Sum"] = ArithmeticOperators.Sum,
        ["Mean"] = ArithmeticOperators.Mean,
        ["Max"] = ArithmeticOperators.Max,
        ["Min"] = ArithmeticOperators.Min,
        ["Abs"] = ArithmeticOperators.Abs,
        ["Neg"] = ArithmeticOperators.Neg,
        ["Sqrt"] = ArithmeticOperators.Sqrt,
        ["Exp"] = ArithmeticOperators.Exp,
        ["Reciprocal"] = ArithmeticOperators.Reciprocal,
        ["ReduceMean"] = ReductionOperators.ReduceMean,
        ["ReduceSum"] = ReductionOperators.ReduceSum,
        ["ReduceMax"] = ReductionOperators.ReduceMax,
        ["Gemm"] = LinearOperators.Gemm,
        ["MatMul"] = LinearOperators.MatMul,
        ["Identity"] = LayoutOperators.Identity,
        ["Dropout"] = LayoutOperators.Identity,
        ["Reshape"] = LayoutOperators.Reshape,
        ["Flatten"] = LayoutOperators.Flatten,
        ["Transpose"] = LayoutOperators.Transpose,
        ["Concat"] = LayoutOperators.Concat,
        ["Squeeze"] = LayoutOperators.Squeeze,
        ["Unsqueeze"] = LayoutOperators.Unsqueeze,
        ["Pad"] = LayoutOperators.Pad,
        ["Slice"] = LayoutOperators.Slice,
        ["Shape"] = ShapeOperators.Shape,
        ["Gather"] = ShapeOperators.Gather,
        ["Cast"] = ShapeOperators.Cast,
    };

    public static bool TryGet(string opType, out OperatorFactory factory) =>
        Factories.TryGetValue(opType, out factory!);
}
