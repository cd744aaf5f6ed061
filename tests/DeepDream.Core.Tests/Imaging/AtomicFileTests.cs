using DeepDream.IO;
using DeepDream.Imaging;

namespace DeepDream.Tests.Imaging;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ContentIsWrittenThroughAHiddenTemporaryFileInTheSameFolder()
    {
        string path = _folder.File("photo.dream.jpg");
        string[] duringWrite = [];

        AtomicFile.Write(path, stream =>
        {
            stream.Write("new"u8);
            duringWrite = _folder.Entries();
        });

        var temporary = Assert.Single(duringWrite);
        Assert.Equal($".photo.dream.jpg.{Leftovers.Tag}.", temporary[..^12]);
        Assert.Matches(@"\.[0-9a-f]{8}\.tmp$", temporary);
        Assert.Equal(["photo.dream.jpg"], _folder.Entries());
        Assert.Equal("new", File.ReadAllText(path));
    }

    [Fact]
    public void AFailureMidWayLeavesNeitherTemporaryFileNorTarget()
    {
        string path = _folder.File("out.png");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new IOException("disk full");
        }));

        Assert.Empty(_folder.Entries());
    }

    [Fact]
    public void AFailureMidWayKeepsThePreviousContent()
    {
        string path = _folder.File("out.png");
        File.WriteAllText(path, "previous");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new IOException("disk full");
        }));

        Assert.Equal(["out.png"], _folder.Entries());
        Assert.Equal("previous", File.ReadAllText(path));
    }
}
