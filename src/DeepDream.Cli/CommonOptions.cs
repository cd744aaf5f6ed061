using System.CommandLine;
using DeepDream.Runtime;

namespace DeepDream.Cli;

/// <summary>Options every dreaming command shares: where the model runs and how the command reports.</summary>
public sealed class CommonOptions
{
    public Option<string?> Model { get; } = new("--model", "-m")
    {
        Description = "Model: a catalog name (inceptionv3, googlenet, tiny), an installed model, or a .onnx / TF.js model path. Default: $DEEPDREAM_MODEL, else the best installed model, else the offline default (installed on first use)",
    };

    public Option<DeviceChoice> Device { get; } = OptionValues.Choice<DeviceChoice>("--device",
        "Where to compute: auto (CUDA when torch reports it), cpu, or cuda (an error if unavailable)");

    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "CPU threads for torch (0: one per core)",
        DefaultValueFactory = _ => 0,
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print nothing but errors" };

    public Option<bool> Json { get; } = new("--json") { Description = "Print a machine-readable JSON report on stdout" };

    /// <summary>Preprocessing for model files the catalog doesn't know.</summary>
    public PreprocessingOptions Preprocessing { get; } = new();

    public CommonSettings Read(ParseResult parse) => new(
        parse.GetValue(Model), parse.GetValue(Device), parse.GetValue(Threads), parse.GetValue(Quiet), parse.GetValue(Json),
        Preprocessing.Read(parse));

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Device);
        command.Options.Add(Threads);
        command.Options.Add(Quiet);
        command.Options.Add(Json);
        Preprocessing.AddTo(command);
    }
}
