namespace DeepDream.Import.Graph.Operators;

/// <summary>Padding of the two spatial axes of an NCHW tensor, in elements.</summary>
internal readonly record struct SpatialPadding(long Top, long Bottom, long Left, long Right)
{
    public bool IsSymmetric => Top == Bottom && Left == Right;

    /// <summary>Torch's own padding argument: the start padding per axis (torch pads the end alike).</summary>
    public long[] PerAxis => [Top, Left];

    /// <summary>The argument of torch's <c>pad</c>: last axis first, start before end.</summary>
    public long[] ForTorchPad => [Left, Right, Top, Bottom];
}
