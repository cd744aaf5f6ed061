using DeepDream.Runtime;
using DeepDream.Tests.Batch;

namespace DeepDream.Tests;

/// <summary>
/// The command restarts itself once with glibc's heap settings in GLIBC_TUNABLES (Runtime/MallocTunables), with the
/// same arguments and process id, and leaves a user's own GLIBC_TUNABLES alone. Seen from outside, in /proc, while the
/// command waits for an image on stdin.
/// </summary>
public sealed class MallocTunablesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_command_runs_again_with_the_heap_settings_and_the_same_arguments()
    {
        string[] arguments = ["-", "-o", _temp["out png ü.png"], "--model", "tiny"];
        var (environment, commandLine) = await WhileWaitingForStdin(arguments, tunables: null);

        Assert.Contains("glibc.malloc.hugetlb=1", MallocTunables.Value);
        // Only where the kernel gives huge pages on request (its "madvise" mode) is there anything to gain.
        bool onRequest = File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[madvise]", StringComparison.Ordinal);
        Assert.Equal(onRequest, environment.Contains($"{MallocTunables.Variable}={MallocTunables.Value}", StringComparison.Ordinal));
        Assert.Equal(arguments, commandLine[^arguments.Length..]);
    }

    [Fact]
    public async Task A_users_own_tunables_are_kept()
    {
        var (environment, _) = await WhileWaitingForStdin(["-", "-o", _temp["out.png"], "--model", "tiny"], tunables: "glibc.malloc.arena_max=2");

        Assert.Contains($"{MallocTunables.Variable}=glibc.malloc.arena_max=2", environment);
        Assert.DoesNotContain("hugetlb", environment);
    }

    /// <summary>
    /// The process's environment (one string; glibc up to 2.38 ends each tunable it parsed with a NUL in place, so
    /// NULs read as ':') and arguments once it waits for stdin; then ends it with SIGTERM (exit 130).
    /// </summary>
    private static async Task<(string Environment, string[] CommandLine)> WhileWaitingForStdin(string[] arguments, string? tunables)
    {
        using var process = DreamProcess.Start(arguments, silentStdin: true, setup: start =>
        {
            start.Environment.Remove(MallocTunables.Variable);
            if (tunables is not null) start.Environment[MallocTunables.Variable] = tunables;
        });
        var error = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!DreamProcess.IsWaitingForStdin(process) && !process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(DreamProcess.IsWaitingForStdin(process), "the command never waited for stdin");

        var environment = File.ReadAllText($"/proc/{process.Id}/environ").Replace('\0', ':');
        var commandLine = File.ReadAllText($"/proc/{process.Id}/cmdline").TrimEnd('\0').Split('\0');
        DreamProcess.Signal(process, DreamProcess.SigTerm);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((ExitCodes.Interrupted, "dream: error: interrupted"), (process.ExitCode, HostileInputTests.DreamLines(await error).Single()));
        return (environment, commandLine);
    }
}
