using System.IO.Pipes;
using DeepDream.IO;

namespace DeepDream.Tests.IO;

/// <summary>Reading stdin or a pipe: bounded, and a read that waits for ever still ends when cancelled.</summary>
public sealed class BoundedReadTests
{
    private static byte[] Read(Stream stream, long maxBytes, CancellationToken cancellation = default) =>
        BoundedRead.ReadToEnd(stream, maxBytes, "<stdin>", "an image", message => new InvalidDataException(message), cancellation);

    [Fact]
    public void Reads_everything_up_to_the_limit()
    {
        var bytes = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();

        Assert.Equal(bytes, Read(new MemoryStream(bytes), bytes.Length));
    }

    [Fact]
    public void Stops_at_the_limit_with_a_message()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read(new MemoryStream(new byte[100_001]), 100_000));

        Assert.Equal("<stdin>: more than the 100000-byte limit for an image", error.Message);
    }

    [Fact]
    public async Task Cancelling_ends_a_read_that_waits_for_data_that_never_comes()
    {
        // A pipe whose writer stays open and silent: a plain read would block for ever.
        using var writer = new AnonymousPipeServerStream(PipeDirection.Out);
        using var reader = new AnonymousPipeClientStream(PipeDirection.In, writer.ClientSafePipeHandle);
        using var cancellation = new CancellationTokenSource();

        var read = Task.Run(() => Read(reader, 1 << 20, cancellation.Token));
        await Task.Delay(200);
        Assert.False(read.IsCompleted);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
