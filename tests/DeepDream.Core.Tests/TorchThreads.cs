using static TorchSharp.torch;

namespace DeepDream.Tests;

/// <summary>
/// Runs work with torch's intra-op thread count set. The setting (OpenMP's) belongs to the calling thread, so the
/// work runs synchronously on it and other tests' threads are unaffected.
/// </summary>
internal static class TorchThreads
{
    public static T With<T>(int threads, Func<T> work)
    {
        int before = get_num_threads();
        set_num_threads(threads);
        try
        {
            return work();
        }
        finally
        {
            set_num_threads(before);
        }
    }
}
