using System.Diagnostics;
using DeepDream.Models;
using DeepDream.Models.Store;
using DeepDream.Pipeline;
using DeepDream.Runtime;
using TorchSharp;

namespace DeepDream.Cli;

/// <summary>Finds (installing on first use) and opens the model a command asked for, on the chosen device.</summary>
public static class ModelLoading
{
    /// <summary>The built-in untrained network, for tests and smoke runs; needs no model file.</summary>
    public const string TinyModel = "tiny";

    /// <summary>Refuses a precision <paramref name="model"/> cannot compute in: the tiny network has float32 only.</summary>
    /// <exception cref="UsageException">bfloat16 asked of <see cref="TinyModel"/>.</exception>
    public static void CheckPrecision(string? model, NumericPrecision precision)
    {
        if (model == TinyModel && precision != NumericPrecision.Float32)
            throw new UsageException("--precision: the built-in tiny network computes in float32 only");
    }

    public static LoadedModel Open(CommonSettings common, CliConsole console, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        // The model is found (installed on first use), read and prepared while the native library loads (see
        // TorchRuntime.BeginLoad); installs of both print one line at a time (InstallMessagePrinter).
        CheckPrecision(common.Model, common.Precision);
        // Before the load: bfloat16 lifts the oneDNN cap, which the library reads once.
        TorchRuntime.UsePrecision(common.Precision);
        TorchRuntime.BeginLoad(InstallMessages(common.Quiet, console), cancellation);
        var model = common.Model == TinyModel ? null : Resolve(common, console, cancellation);
        StartupTrace.Mark("model-read");
        model?.Prepare();
        StartupTrace.Mark("model-prepared");
        // While libtorch still loads, a core is idle: the output record's JSON code is compiled there, not beside the
        // dream's first step (whose torch threads then have both cores). Where it is loaded already, nothing is gained.
        if (!TorchRuntime.IsLoaded) _ = Task.Run(PrepareRecordWriting, CancellationToken.None);
        TorchRuntime.SetThreads(common.Threads);
        var device = TorchRuntime.ResolveDevice(common.Device);
        if (common.Precision != NumericPrecision.Float32 && device.type != DeviceType.CPU)
            throw new TorchRuntimeException("--precision bfloat16 runs on the CPU only in this version: add --device cpu, or use float32");
        StartupTrace.Mark("native-loaded");
        if (model is null)
            return new LoadedModel(new TinyTestNetwork(device), "built-in untrained test network", TinyModel, clock.Elapsed.TotalSeconds);
        var network = model.Open(device, common.Precision);
        StartupTrace.Mark("graph-built");
        return new LoadedModel(network, model.Description, SourceOf(common, model), clock.Elapsed.TotalSeconds);
    }

    private static void PrepareRecordWriting()
    {
        DreamRecord.PrepareWriting();
        StartupTrace.Mark("record-prepared");
    }

    /// <summary>The model definition without loading weights (for <c>dream layers</c>; shapes alone need no preprocessing).</summary>
    public static ModelDefinition Resolve(CommonSettings common, CliConsole console, CancellationToken cancellation = default, bool preprocessingNeeded = true)
    {
        var resolver = new ModelResolver(ModelStore.Default(), InstallMessages(common.Quiet, console));
        return resolver.ResolveAsync(common.Model, common.Preprocessing, cancellation, preprocessingNeeded).GetAwaiter().GetResult();
    }

    /// <summary>
    /// How to name the model to load it again: a model file's full path when it was given as a path (by --model or
    /// $DEEPDREAM_MODEL), else its installed name.
    /// </summary>
    private static string SourceOf(CommonSettings common, ModelDefinition model)
    {
        string? requested = string.IsNullOrWhiteSpace(common.Model) ? Environment.GetEnvironmentVariable(ModelResolver.ModelVariable) : common.Model;
        return !string.IsNullOrWhiteSpace(requested) && Path.Exists(requested) ? Path.GetFullPath(requested) : model.Id;
    }

    /// <summary>Install steps go to stderr (they explain a first-run pause), unless --quiet.</summary>
    public static IProgress<InstallProgress>? InstallMessages(bool quiet, CliConsole console) =>
        quiet ? null : new InstallMessagePrinter(console);
}
