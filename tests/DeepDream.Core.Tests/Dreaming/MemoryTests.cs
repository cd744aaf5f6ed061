using System.Diagnostics;
using DeepDream.Dreaming;
using DeepDream.Models;
using DeepDream.Pipeline;
using DeepDream.Runtime;

namespace DeepDream.Tests.Dreaming;

/// <summary>Runs alone: other tests allocating in parallel would move the process's RSS.</summary>
[Collection(nameof(MemoryTests))]
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryTests
{
    public MemoryTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Memory_stays_flat_over_many_steps()
    {
        using var network = new TinyTestNetwork();
        using var image = TestImages.Random(128, 128, 5);
        var warmup = new DreamSettings { Octaves = 1, Steps = 5 };
        new DreamPipeline(network, warmup).Dream(image).Dispose();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = Process.GetCurrentProcess().WorkingSet64;
        new DreamPipeline(network, warmup with { Steps = 50 }).Dream(image).Dispose();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long growth = Process.GetCurrentProcess().WorkingSet64 - before;
        Assert.True(growth < 50L << 20, $"RSS grew by {growth >> 20} MB over 50 steps");
    }
}
