using System.Diagnostics;
using System.Globalization;
using DeepDream.Import.Graph;
using DeepDream.Runtime;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepDream.Bench;

/// <summary>
/// The machine's convolution peak as libtorch reaches it: one GoogLeNet-shaped 3×3 convolution (inception3b's 3×3
/// branch at a 512 px input: 1×128×64×64 → 192 channels, stride 1, padding 1), forward only, in float32 or bfloat16,
/// in the channels-last layout the dream runs in, at the process's thread count and oneDNN ISA cap. Prints the median
/// GFLOP/s by wall clock and per CPU-second of the process (the latter survives a machine shared with other work).
/// </summary>
internal static class ConvPeak
{
    private const long Channels = 128, Outputs = 192, Side = 64, Kernel = 3;

    /// <summary>Multiply-adds counted as two operations, as for the dream step's FLOP count.</summary>
    public const double Flop = 2.0 * Channels * Outputs * Kernel * Kernel * Side * Side;

    /// <param name="repeats">Timed convolutions, after as many warm-up ones (at least 3).</param>
    /// <param name="precision">The convolution's number format.</param>
    public static void Run(int repeats, NumericPrecision precision)
    {
        var type = precision == NumericPrecision.BFloat16 ? ScalarType.BFloat16 : ScalarType.Float32;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var generator = new Generator(0);
        var input = ChannelsLast.Of(randn(1, Channels, Side, Side, generator: generator)).to(type);
        var weight = ChannelsLast.Of(randn(Outputs, Channels, Kernel, Kernel, generator: generator).mul_(0.03)).to(type);
        var bias = zeros(Outputs, type);
        for (int i = 0; i < Math.Max(3, repeats); i++) F.conv2d(input, weight, bias, padding: [1, 1]).Dispose();

        var wall = new List<double>();
        var cpu = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            var cpuStart = Environment.CpuUsage.TotalTime;
            long start = Stopwatch.GetTimestamp();
            F.conv2d(input, weight, bias, padding: [1, 1]).Dispose();
            wall.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            cpu.Add((Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds);
        }
        string isa = NativeEnvironment.GetNative("ONEDNN_MAX_CPU_ISA") ?? "default";
        double wallMedian = Statistics.Median(wall), cpuMedian = Statistics.Median(cpu);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT kind=conv_peak conv=3x3 shape=1x{Channels}x{Side}x{Side}->{Outputs} layout=channels_last precision={precision.ToString().ToLowerInvariant()} threads={get_num_threads()} isa={isa} " +
            $"gflop={Flop / 1e9:F3} repeats={repeats} ms_median={wallMedian * 1e3:F2} gflops={Flop / wallMedian / 1e9:F1} " +
            $"gflops_best={Flop / wall.Min() / 1e9:F1} gflops_per_cpu_s={(cpuMedian > 0 ? Flop / cpuMedian / 1e9 : double.NaN):F1}"));
    }

}
