using System.Diagnostics;
using DeepDream.Batch;

namespace DeepDream.Tests.Batch;

/// <summary>One writer per manifest: a second run of the same output folder and shard is refused, a dead one's lock is not.</summary>
public sealed class BatchManifestLockTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string LockFile => _temp[".manifest.jsonl.lock"];

    [Fact]
    public void A_second_writer_of_the_same_shard_is_refused_until_the_first_closes()
    {
        using (BatchManifest.Open(_temp.Path, Shard.All))
        {
            var error = Assert.Throws<BatchInputException>(() => BatchManifest.Open(_temp.Path, Shard.All));

            Assert.Equal($"{_temp["manifest.jsonl"]}: another dream batch is running on this output folder and shard; " +
                "wait for it to finish, or choose another --out", error.Message);
            using (BatchManifest.Open(_temp.Path, Shard.Parse("2/2"))) { }
        }

        using (BatchManifest.Open(_temp.Path, Shard.All)) Assert.True(File.Exists(LockFile));
        Assert.False(File.Exists(LockFile));
    }

    [Fact]
    public async Task A_lock_held_by_another_process_refuses_and_dies_with_it()
    {
        // util-linux flock(1) takes the same kind of lock (flock(2)) and holds it while its child sleeps; --close keeps
        // the lock's descriptor out of the child, so the lock ends exactly when flock itself has exited.
        using var holder = Process.Start(new ProcessStartInfo("flock", ["--exclusive", "--close", LockFile, "sh", "-c", "echo locked; exec sleep 600"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
        })!;
        Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Throws<BatchInputException>(() => BatchManifest.Open(_temp.Path, Shard.All));

        holder.Kill(entireProcessTree: true);
        await holder.WaitForExitAsync();
        using (BatchManifest.Open(_temp.Path, Shard.All)) { }
        Assert.False(File.Exists(LockFile));
    }

    [Fact]
    public void A_manifest_that_is_a_link_is_refused()
    {
        File.CreateSymbolicLink(_temp["manifest.jsonl"], "/etc/passwd");

        var error = Assert.Throws<BatchInputException>(() => BatchManifest.Open(_temp.Path, Shard.All));

        Assert.Equal($"{_temp["manifest.jsonl"]}: is a symbolic link; a manifest must be a regular file", error.Message);
        Assert.False(File.Exists(LockFile));
    }
}
