using DeepDream.Models.Store;
using TorchSharp;

namespace DeepDream.Runtime;

/// <summary>Loads the torch runtime once and resolves the compute device.</summary>
public static class TorchRuntime
{
    /// <summary>
    /// Makes sure the native torch library is loaded; call before the first tensor operation. On Linux x64, where
    /// libtorch is not next to the application (the .NET tool), the first call installs it from NuGet (a download of
    /// about 130 MB; README, "Install as a .NET tool"). Waits for a load <see cref="BeginLoad"/> started, and throws
    /// what it failed with.
    /// </summary>
    /// <param name="progress">Told the steps of a libtorch install, if one is needed now.</param>
    /// <param name="cancellation">Stops a libtorch install in progress.</param>
    /// <exception cref="TorchRuntimeException">A native library does not load, or libtorch cannot be installed.</exception>
    /// <exception cref="OperationCanceledException">A libtorch install was cancelled.</exception>
    public static void EnsureLoaded(IProgress<InstallProgress>? progress = null, CancellationToken cancellation = default) =>
        NativeTorchLoader.EnsureLoaded(progress, cancellation);

    /// <summary>
    /// Starts loading the native library on a worker thread (about half a second of libtorch's own start-up) so that
    /// the caller can find, read and prepare the model meanwhile; <see cref="EnsureLoaded"/> then waits for it. Call it
    /// after the native libraries the caller uses in the meantime (SkiaSharp) are loaded: the system loader lets one
    /// library load at a time, and a thread that starts or throws during the load may wait for it too (a model not
    /// found is reported when the load ends). A process that started a load ends through <see cref="ProcessEnd.Now"/>.
    /// </summary>
    /// <param name="progress">Told the steps of a libtorch install, if one is needed (from the worker thread).</param>
    /// <param name="cancellation">Stops a libtorch install in progress.</param>
    public static void BeginLoad(IProgress<InstallProgress>? progress = null, CancellationToken cancellation = default) =>
        NativeTorchLoader.BeginLoad(progress, cancellation);

    /// <summary>
    /// Sets the native libraries' settings (<see cref="NativeDefaults"/>, <see cref="NativeHeap"/>) now, with libc's
    /// <c>setenv</c>, which must not run beside other threads that read the environment: call it before starting any.
    /// A later load does not set them again. Does nothing once the library is loaded.
    /// </summary>
    public static void SetNativeDefaults() => NativeTorchLoader.SetDefaults();

    /// <summary>
    /// Makes this process ready to compute in <paramref name="precision"/>; nothing to do for float32. bfloat16 runs on
    /// oneDNN's AVX-512/AMX bfloat16 kernels, so this lifts DeepDream's AVX2 cap (<see cref="NativeDefaults"/>); call it
    /// before <see cref="BeginLoad"/> or <see cref="EnsureLoaded"/>, since oneDNN reads the cap once.
    /// </summary>
    /// <exception cref="TorchRuntimeException">bfloat16 where the CPU has no native bfloat16 (<see cref="BFloat16Support"/>),
    /// where the user's <c>ONEDNN_MAX_CPU_ISA</c> stops below <c>AVX512_CORE_BF16</c>, or where libtorch loaded already
    /// with DeepDream's cap.</exception>
    public static void UsePrecision(NumericPrecision precision) => NativeTorchLoader.UsePrecision(precision);

    /// <summary>How the native libraries were found and loaded: TorchSharp's library and libtorch's folder (Linux), or "not loaded".</summary>
    public static string LoaderStatus => NativeTorchLoader.Status;

    /// <summary>Whether the native library is loaded and ready (never waits for a load in progress).</summary>
    public static bool IsLoaded => NativeTorchLoader.IsLoaded;

    /// <summary>Turns a <see cref="DeviceChoice"/> into a torch device; asking for CUDA without it is an error.</summary>
    public static torch.Device ResolveDevice(DeviceChoice choice)
    {
        EnsureLoaded();
        bool cuda = torch.cuda.is_available();
        return choice switch
        {
            DeviceChoice.Cpu => torch.CPU,
            DeviceChoice.Cuda when cuda => torch.CUDA,
            DeviceChoice.Cuda => throw new TorchRuntimeException(
                "--device cuda was asked for, but torch reports no CUDA device (a CPU build of libtorch, or no GPU driver; see README, \"CUDA builds\")"),
            _ => cuda ? torch.CUDA : torch.CPU,
        };
    }

    /// <summary>Sets the intra-op thread count (0 keeps torch's default: one per core).</summary>
    public static void SetThreads(int threads)
    {
        EnsureLoaded();
        if (threads > 0) torch.set_num_threads(threads);
    }
}
