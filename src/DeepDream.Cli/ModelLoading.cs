using System.Diagnostics;
using DeepDream.Models;
using DeepDream.Runtime;

namespace DeepDream.Cli;

/// <summary>Opens the model a command asked for on the chosen device.</summary>
public static class ModelLoading
{
    public static LoadedModel Open(CommonSettings common, CliConsole console)
    {
        var clock = Stopwatch.StartNew();
        TorchRuntime.SetThreads(common.Threads);
        var device = TorchRuntime.ResolveDevice(common.Device);
        var name = common.Model ?? "tiny";
        if (name != "tiny") throw new UsageException($"--model {name}: unknown model");
        return new LoadedModel(new TinyTestNetwork(device), "built-in", clock.Elapsed.TotalSeconds);
    }
}
