namespace DeepDream.Dreaming;

/// <summary>
/// A setting that is out of range or cannot work with the network or the other settings. The message reads
/// "<c>Steps -1: must be between 0 and 10000</c>": the setting by its property name (<see cref="Setting"/>), the
/// value as given, and the problem. A command line shows the same error under its own option names.
/// </summary>
public sealed class DreamSettingsException : DeepDreamException
{
    /// <param name="setting">The property (or parameter) at fault, e.g. <c>nameof(DreamSettings.Steps)</c>.</param>
    /// <param name="value">The value as given, in invariant form; null when the problem is not one value's.</param>
    /// <param name="problem">What is wrong, and where it helps, what would work.</param>
    public DreamSettingsException(string setting, string? value, string problem)
        : this(setting, value, problem, source: null)
    {
    }

    private DreamSettingsException(string setting, string? value, string problem, string? source)
        : base(Describe(source, setting, value, problem))
    {
        Setting = setting;
        Value = value;
        Problem = problem;
        Input = source;
    }

    /// <summary>The property or parameter at fault, as named in the library (e.g. <c>StepSize</c>, <c>Layers</c>).</summary>
    public string Setting { get; }

    /// <summary>The value as given; null when the problem is not one value's.</summary>
    public string? Value { get; }

    /// <summary>What is wrong, without the setting's name.</summary>
    public string Problem { get; }

    /// <summary>The input the setting fails for (a file path, or &lt;stdin&gt;), named first; null when not one input's.</summary>
    public string? Input { get; }

    /// <summary>The message with the setting called <paramref name="name"/>, e.g. a command-line option.</summary>
    public string Describe(string name) => Describe(Input, name, Value, Problem);

    /// <summary>The same refusal, naming <paramref name="source"/> (a file path, or &lt;stdin&gt;) first.</summary>
    public DreamSettingsException For(string source) => new(Setting, Value, Problem, source);

    private static string Describe(string? source, string name, string? value, string problem) =>
        (source is null ? "" : $"{source}: ") + (value is null ? $"{name}: {problem}" : $"{name} {value}: {problem}");
}
