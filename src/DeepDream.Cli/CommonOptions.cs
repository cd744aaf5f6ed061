using System.CommandLine;
using DeepDream.Runtime;

namespace DeepDream.Cli;

/// <summary>Options every dreaming command shares: where the model runs and how the command reports.</summary>
public sealed class CommonOptions
{
    public Option<string?> Model { get; } = new("--model", "-m")
    {
        Description = "Model: a catalog name (resnet18, googlenet, inceptionv3, mobilenetv2, tiny), an installed model, or a .onnx / TF.js model path. Default: $DEEPDREAM_MODEL, else the best installed model, else the default resnet18 (installed on first use)",
    };

    public Option<DeviceChoice> Device { get; } = OptionValues.Choice<DeviceChoice>("--device",
        "Where to compute: auto (CUDA when torch reports it), cpu, or cuda (an error if unavailable)");

    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "CPU threads for torch (0: one per core)",
        DefaultValueFactory = _ => 0,
    };

    public Option<NumericPrecision> Precision { get; } = OptionValues.Choice<NumericPrecision>("--precision",
        "What the network computes in: float32, or bfloat16 (about 1.5x faster on CPUs with AVX512_BF16 or AMX; activations agree to about 1%, so dreams look alike but differ; an error on other CPUs)");

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print nothing but errors" };

    public Option<bool> Json { get; } = new("--json") { Description = "Print a machine-readable JSON report on stdout" };

    /// <summary>Preprocessing for model files the catalog doesn't know.</summary>
    public PreprocessingOptions Preprocessing { get; } = new();

    /// <summary>The values given; <see cref="CommonSettings.Model"/> is null on a command added without <see cref="Model"/>.</summary>
    public CommonSettings Read(ParseResult parse) => new(
        parse.GetResult(Model) is null ? null : parse.GetValue(Model), parse.GetValue(Device), parse.GetValue(Threads), parse.GetValue(Quiet), parse.GetValue(Json),
        Preprocessing.Read(parse), parse.GetValue(Precision));

    /// <param name="command">The command to add the options to.</param>
    /// <param name="withModel">Whether to add <see cref="Model"/>; a command that takes several models names its own.</param>
    public void AddTo(Command command, bool withModel = true)
    {
        if (withModel) command.Options.Add(Model);
        command.Options.Add(Device);
        command.Options.Add(Threads);
        command.Options.Add(Precision);
        command.Options.Add(Quiet);
        command.Options.Add(Json);
        Preprocessing.AddTo(command);
    }
}
