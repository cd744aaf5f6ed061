using DeepDream.Models;
using DeepDream.Runtime;

namespace DeepDream.Cli;

/// <summary>The parsed values of <see cref="CommonOptions"/>.</summary>
public sealed record CommonSettings(
    string? Model, DeviceChoice Device, int Threads, bool Quiet, bool Json, PreprocessingOverride? Preprocessing = null,
    NumericPrecision Precision = NumericPrecision.Float32)
{
    /// <summary>Progress lines only on a terminal, and never with --quiet.</summary>
    public bool ShowProgress(CliConsole console) => console.ErrorIsTerminal && !Quiet;
}
