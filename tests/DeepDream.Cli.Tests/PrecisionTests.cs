using System.Diagnostics;
using DeepDream.Imaging;
using DeepDream.Runtime;
using DeepDream.Tests.Batch;

namespace DeepDream.Tests;

/// <summary>
/// <c>--precision bfloat16</c>, run as separate processes: it lifts DeepDream's oneDNN cap before libtorch loads, which
/// a process can do once. On a CPU with native bfloat16 it dreams and records the precision; elsewhere it is refused in
/// one line, as it is where the user's own cap rules out oneDNN's bfloat16 kernels.
/// </summary>
public sealed class PrecisionTests : IDisposable
{
    private static readonly string SmallInception = Path.Combine(AppContext.BaseDirectory, "fixtures", "torch-export", "small_inception.onnx");
    private const string NoNativeBFloat16 =
        "dream: error: bfloat16 precision needs a CPU that computes bfloat16 natively (AVX512_BF16 or AMX), and this one does not: use float32\n";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string[] Dream(string output, params string[] more) =>
        [_temp["in.png"], "-o", output, "--model", SmallInception, "--input-scale", "0.00392157", "--layer", "inception",
            "--octaves", "2", "--steps", "3", "--threads", "2", .. more];

    [Fact]
    public async Task Bfloat16_dreams_where_the_cpu_computes_it_and_repeats_byte_for_byte_with_again()
    {
        TestImages.Random(_temp["in.png"], 96, 64, seed: 3);

        // As from a user's shell: without the cap this test process set for itself (children inherit .NET's environment).
        var run = await DreamProcess.RunAsync(Dream(_temp["b.png"], "--precision", "bfloat16"), setup: WithoutIsaCap);

        if (!BFloat16Support.IsNative)
        {
            Assert.Equal((ExitCodes.RuntimeFailure, NoNativeBFloat16), (run.ExitCode, run.Error));
            Assert.False(File.Exists(_temp["b.png"]));
            return;
        }
        Assert.True(run.ExitCode == 0, run.Error);
        var float32 = await DreamProcess.RunAsync(Dream(_temp["f.png"]));
        Assert.True(float32.ExitCode == 0, float32.Error);
        var info = await DreamProcess.RunAsync(["info", _temp["b.png"]]);
        Assert.Contains("  ran on    cpu, 2 threads, bfloat16\n", info.Out);
        Assert.Contains("\"precision\":\"bfloat16\"", ImageRecipe.Read(_temp["b.png"])!);
        Assert.DoesNotContain("precision", ImageRecipe.Read(_temp["f.png"])!);
        var bfloat16Pixels = ImageFile.Read(_temp["b.png"], ImageReadOptions.Default).Rgb;
        Assert.NotEqual(ImageFile.Read(_temp["f.png"], ImageReadOptions.Default).Rgb, bfloat16Pixels);

        var again = await DreamProcess.RunAsync([_temp["b.png"], "--again", "-o", _temp["again.png"], "--input-scale", "0.00392157"],
            setup: WithoutIsaCap);

        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(bfloat16Pixels, ImageFile.Read(_temp["again.png"], ImageReadOptions.Default).Rgb);
    }

    private static void WithoutIsaCap(ProcessStartInfo start)
    {
        start.Environment.Remove("ONEDNN_MAX_CPU_ISA");
        start.Environment.Remove("DNNL_MAX_CPU_ISA");
    }

    [Fact]
    public async Task Bfloat16_under_the_users_avx2_cap_is_refused_in_one_line()
    {
        TestImages.Random(_temp["in.png"], 96, 64, seed: 3);

        var run = await DreamProcess.RunAsync(Dream(_temp["b.png"], "--precision", "bfloat16"),
            setup: start => start.Environment["ONEDNN_MAX_CPU_ISA"] = "AVX2");

        string expected = BFloat16Support.IsNative
            ? "dream: error: bfloat16 precision needs oneDNN's AVX-512 kernels, which ONEDNN_MAX_CPU_ISA=AVX2 rules out in this process (unset it, or use float32)\n"
            : NoNativeBFloat16;
        Assert.Equal((ExitCodes.RuntimeFailure, expected), (run.ExitCode, run.Error));
        Assert.False(File.Exists(_temp["b.png"]));
    }

    [Fact]
    public void The_tiny_network_refuses_bfloat16_as_a_usage_error()
    {
        TestImages.Random(_temp["in.png"], 32, 32, seed: 3);

        var run = CliRun.Invoke(_temp["in.png"], "-o", _temp["out.png"], "--model", "tiny", "--precision", "bfloat16");

        Assert.Equal((ExitCodes.UsageError, "dream: error: --precision: the built-in tiny network computes in float32 only\n"), (run.ExitCode, run.Error));
    }
}
