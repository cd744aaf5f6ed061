using System.Runtime.InteropServices;

namespace DeepDream.Runtime;

/// <summary>
/// libtorch settings DeepDream needs before the native library runs, each applied only where the user has not
/// set the variable: <list type="bullet">
/// <item><c>ONEDNN_MAX_CPU_ISA=AVX2</c> on x86-64. libtorch 2.10's oneDNN computes some convolutions wrongly with its
/// AVX-512 kernels (bench/RESULTS.md, "AVX-512 convolutions"); its AVX2 kernels were right for every convolution of
/// GoogLeNet, ResNet-18 and InceptionV3 we checked. A user who lifts the cap (their own <c>ONEDNN_MAX_CPU_ISA</c> is
/// kept) gets <see cref="DeepDream.Import.Graph.Operators.ConvolutionRoute"/>, which steers every convolution around
/// the faulty kernels known so far: about 22% less CPU per step on a Zen 5 CPU, but checked on those three networks
/// only, while this oneDNN has shown three separate AVX-512 faults, some not repeatable; so it is not the default.</item>
/// <item><c>TORCH_CPP_LOG_LEVEL=ERROR</c>, then <c>c10::initLogging()</c>, which reads it: libtorch as a library
/// never reads it by itself, and without it every convolution on a CPU that NNPACK does not support prints
/// "Could not initialize NNPACK!" on stderr.</item>
/// </list>
/// </summary>
internal static class NativeDefaults
{
    /// <summary>oneDNN's variable for the highest instruction set its kernels may use.</summary>
    public const string OneDnnIsaVariable = "ONEDNN_MAX_CPU_ISA";
    /// <summary>c10's log threshold (INFO, WARNING, ERROR, FATAL or 0-3).</summary>
    public const string LogLevelVariable = "TORCH_CPP_LOG_LEVEL";

    /// <summary>Whether <see cref="BeforeLoad"/> capped oneDNN at AVX2 (rather than finding the user's own setting), and the cap stands.</summary>
    public static bool CappedHere { get; private set; }

    /// <summary>Sets the variables; call before the first native torch library is loaded.</summary>
    public static string BeforeLoad()
    {
        var applied = new List<string>();
        // DNNL_MAX_CPU_ISA is oneDNN's older name for the same setting: a user who set either keeps it.
        if (RuntimeInformation.ProcessArchitecture == Architecture.X64
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA"))
            && NativeEnvironment.SetDefault(OneDnnIsaVariable, "AVX2"))
        {
            CappedHere = true;
            applied.Add($"{OneDnnIsaVariable}=AVX2");
        }
        if (NativeEnvironment.SetDefault(LogLevelVariable, "ERROR"))
            applied.Add($"{LogLevelVariable}=ERROR");
        return applied.Count == 0 ? "" : $"; set {string.Join(", ", applied)}";
    }

    /// <summary>
    /// Takes back the AVX2 cap <see cref="BeforeLoad"/> set (<c>ONEDNN_MAX_CPU_ISA=DEFAULT</c>: every instruction set
    /// the CPU has), for bfloat16, which oneDNN computes only with its AVX-512 (or AMX) kernels; convolutions then take
    /// <see cref="DeepDream.Import.Graph.Operators.ConvolutionRoute"/> around the faulty float32 ones. A user's own
    /// setting stays. Call after <see cref="BeforeLoad"/> and before the library loads; returns what it changed, for
    /// the loader's status.
    /// </summary>
    public static string LiftIsaCap()
    {
        if (!CappedHere) return "";
        NativeEnvironment.Set(OneDnnIsaVariable, "DEFAULT");
        CappedHere = false;
        return $"; {OneDnnIsaVariable}=DEFAULT for bfloat16";
    }

    /// <summary>
    /// Makes c10 read <see cref="LogLevelVariable"/>, from the libtorch folder given. Does nothing where the library
    /// or its export is not found (logging stays at libtorch's default; nothing else depends on it).
    /// </summary>
    public static unsafe void AfterLoad(string? libtorchFolder)
    {
        if (libtorchFolder is null) return;
        var (file, export) = OperatingSystem.IsWindows() ? ("c10.dll", "?initLogging@c10@@YAXXZ")
            : OperatingSystem.IsMacOS() ? ("libc10.dylib", "_ZN3c1011initLoggingEv")
            : ("libc10.so", "_ZN3c1011initLoggingEv");
        var path = Path.Combine(libtorchFolder, file);
        if (!File.Exists(path) || !NativeLibrary.TryLoad(path, out var c10)) return;
        if (NativeLibrary.TryGetExport(c10, export, out var initLogging))
            ((delegate* unmanaged<void>)initLogging)();
    }
}
