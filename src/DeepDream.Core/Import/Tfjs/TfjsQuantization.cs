namespace DeepDream.Import.Tfjs;

/// <summary>
/// How a TF.js weight is stored when the converter quantised it: <c>uint8</c>/<c>uint16</c> are affine
/// (<c>value = Min + Scale * q</c>); <c>float16</c> is plain half precision (Min and Scale unused).
/// </summary>
internal sealed record TfjsQuantization(string Dtype, float Min, float Scale)
{
    /// <summary>Bytes per stored element, or null for a storage type this reader does not know.</summary>
    public int? BytesPerElement => Dtype switch
    {
        "uint8" => 1,
        "uint16" or "float16" => 2,
        _ => null,
    };
}
