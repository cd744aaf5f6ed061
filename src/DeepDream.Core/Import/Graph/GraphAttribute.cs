namespace DeepDream.Import.Graph;

/// <summary>An operator attribute: exactly one of the members is set.</summary>
public sealed record GraphAttribute
{
    public long? Int { get; init; }
    public float? Float { get; init; }
    public string? String { get; init; }
    public IReadOnlyList<long>? Ints { get; init; }
    public IReadOnlyList<float>? Floats { get; init; }
    public GraphTensor? Tensor { get; init; }

    public static GraphAttribute Of(long value) => new() { Int = value };
    public static GraphAttribute Of(float value) => new() { Float = value };
    public static GraphAttribute Of(string value) => new() { String = value };
    public static GraphAttribute Of(params long[] values) => new() { Ints = values };
    public static GraphAttribute Of(params float[] values) => new() { Floats = values };
    public static GraphAttribute Of(GraphTensor value) => new() { Tensor = value };
}
