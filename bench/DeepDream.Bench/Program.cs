using System.Diagnostics;
using System.Globalization;
using DeepDream.Bench;
using DeepDream.Dreaming;
using DeepDream.Models;
using DeepDream.Models.Store;
using DeepDream.Pipeline;
using DeepDream.Runtime;
using static TorchSharp.torch;

// usage: DeepDream.Bench [--model ID|PATH] [--layer NAME] [--sizes 512,1024,2048] [--steps N] [--threads N]
//                        [--octaves N] [--whole SIZE] [--repeat N] [--tile PIXELS] [--precision float32|bfloat16]
//        DeepDream.Bench --visualize LAYER:CHANNELS [--steps N] [--visualize-size PX] [--sheet OUT.png] [--photo REF.jpg]
//                        [--ways pixel,fourier+decorrelated+views,...] [--step-size S]
// Prints one RESULT line per size (median ms per dream step at full resolution, as the PyTorch reference does),
// one RESULT line per repeat of a whole classic dream at --whole px, and the process's peak RSS. With --visualize,
// instead the feature-visualisation figure (ParameterizationFigure): activation reached and high-frequency share
// per channel and way of stepping.
var options = BenchOptions.Parse(args);
TorchRuntime.UsePrecision(options.Precision);
TorchRuntime.EnsureLoaded();
TorchRuntime.SetThreads(options.Threads);
if (options.ConvPeak > 0) ConvPeak.Run(options.ConvPeak, options.Precision);
if (options.Model is null && options.Sizes.Length == 0 && options.Whole == 0 && options.Visualize is null) return;
var definition = await new ModelResolver(ModelStore.Default()).ResolveAsync(options.Model);
using var network = definition.Open(CPU, options.Precision);
var layer = options.Layer ?? network.RecommendedLayers[0];
Console.WriteLine($"# model={definition.Id} layer={layer} threads={get_num_threads()} torch={__version__} precision={Precision(options.Precision)}");
if (options.Visualize is not null)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Sheet))!);
    ParameterizationFigure.Run(network, options.Visualize, options.VisualizeSize, options.Steps, options.Sheet, options.Photo, options.Ways, options.StepSize);
    return;
}

foreach (int size in options.Sizes)
{
    using var image = rand(1, 3, size, size, generator: new Generator(0)).mul_(255);
    var settings = new DreamSettings { Octaves = 1, Steps = options.Steps + 1, Layers = [new LayerObjective(layer)], TileSize = options.Tile };
    var pipeline = new DreamPipeline(network, settings);
    var times = new StepTimer();
    pipeline.Dream(image, times).Dispose();
    var steps = times.Milliseconds.Skip(1).ToList(); // the first step warms caches and plans
    var cpu = times.CpuMilliseconds.Skip(1).ToList();
    Console.WriteLine(Invariant(
        $"RESULT kind=step size={size} layer={layer} precision={Precision(options.Precision)} steps={steps.Count} per_step_ms_median={Statistics.Median(steps):F1} per_step_ms_min={steps.Min():F1} per_step_cpu_ms_median={Statistics.Median(cpu):F1}"));
}

if (options.Whole > 0)
{
    var totals = new List<double>();
    for (int repeat = 0; repeat < options.Repeat; repeat++)
    {
        using var image = rand(1, 3, options.Whole, options.Whole, generator: new Generator((ulong)repeat)).mul_(255);
        var settings = new DreamSettings { Octaves = options.Octaves, Steps = 10, Layers = [new LayerObjective(layer)], Seed = repeat, TileSize = options.Tile };
        var pipeline = new DreamPipeline(network, settings);
        var clock = Stopwatch.StartNew();
        var times = new StepTimer();
        using var result = pipeline.Dream(image, times);
        totals.Add(clock.Elapsed.TotalSeconds);
        Console.WriteLine(Invariant($"RESULT kind=whole size={options.Whole} octaves={options.Octaves} steps=10 layer={layer} repeat={repeat} total_s={totals[^1]:F3} per_step_ms_at_full_res={Statistics.Median(times.Milliseconds.TakeLast(10).ToList()):F1}"));
    }
    Console.WriteLine(Invariant($"SUMMARY kind=whole size={options.Whole} total_s_median={Statistics.Median(totals):F3}"));
}
Console.WriteLine(Invariant($"RESULT kind=memory peak_rss_mb={Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0}"));

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

static string Precision(NumericPrecision precision) => precision.ToString().ToLowerInvariant();
