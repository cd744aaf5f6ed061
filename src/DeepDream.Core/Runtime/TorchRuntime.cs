using TorchSharp;

namespace DeepDream.Runtime;

/// <summary>Loads the torch runtime once and resolves the compute device.</summary>
public static class TorchRuntime
{
    /// <summary>Makes sure the native torch library is loaded; call before the first tensor operation.</summary>
    public static void EnsureLoaded() => NativeTorchLoader.EnsureLoaded();

    /// <summary>
    /// Starts loading the native library on a worker thread (about half a second of libtorch's own start-up) so that
    /// the caller can read files meanwhile; <see cref="EnsureLoaded"/> then waits for it. Call it after the native
    /// libraries the caller uses in the meantime (SkiaSharp) are loaded: the system loader lets one library load at
    /// a time. A process that started a load calls <see cref="WaitForBackgroundLoad"/> before it exits.
    /// </summary>
    public static void BeginLoad() => NativeTorchLoader.BeginLoad();

    /// <summary>Waits for a load started by <see cref="BeginLoad"/> (none: returns at once); never throws.</summary>
    public static void WaitForBackgroundLoad() => NativeTorchLoader.WaitForBackgroundLoad();

    /// <summary>How the native library was found and loaded.</summary>
    public static string LoaderStatus => NativeTorchLoader.Status;

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
