namespace DeepDream.Import.Graph;

/// <summary>One operator application, ONNX style: inputs and outputs are tensor names ("" for an omitted optional input).</summary>
public sealed record GraphNode(
    string Name,
    string OpType,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyDictionary<string, GraphAttribute> Attributes)
{
    public long Int(string name, long fallback) =>
        Attributes.TryGetValue(name, out var a) ? a.Int ?? fallback : fallback;

    public float Float(string name, float fallback) =>
        Attributes.TryGetValue(name, out var a) ? a.Float ?? fallback : fallback;

    public string String(string name, string fallback) =>
        Attributes.TryGetValue(name, out var a) ? a.String ?? fallback : fallback;

    public IReadOnlyList<long>? Ints(string name) =>
        Attributes.TryGetValue(name, out var a) ? a.Ints : null;

    public IReadOnlyList<float>? Floats(string name) =>
        Attributes.TryGetValue(name, out var a) ? a.Floats : null;
}
