namespace DeepDream.Import.Graph.Operators;

/// <summary>The ONNX <c>auto_pad</c> attribute of Conv and the pools.</summary>
internal enum AutoPad
{
    /// <summary>Explicit <c>pads</c>.</summary>
    NotSet,

    /// <summary>Pad so the output is ceil(input / stride); an odd extra row or column goes at the end.</summary>
    SameUpper,

    /// <summary>As <see cref="SameUpper"/>, but the odd extra goes at the start.</summary>
    SameLower,

    /// <summary>No padding.</summary>
    Valid,
}
