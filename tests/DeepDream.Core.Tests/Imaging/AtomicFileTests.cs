using DeepDream.Imaging;
using DeepDream.IO;
using DeepDream.Tests.IO;

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

    [Fact]
    public void TemporaryFilesOfAKilledWriterOfTheSameFileAreDeletedAndARunningOnesKept()
    {
        string host = Leftovers.Tag.Split('@')[1];
        string killed = _folder.File($".libLibTorchSharp.so.{SpecialFiles.DeadProcessId()}@{host}.0123abcd.tmp");
        string running = _folder.File($".libLibTorchSharp.so.{Leftovers.Tag}.4567cdef.tmp");
        string otherFile = _folder.File($".other.so.{SpecialFiles.DeadProcessId()}@{host}.0123abcd.tmp");
        foreach (var path in new[] { killed, running, otherFile }) File.WriteAllText(path, "partial");

        AtomicFile.Write(_folder.File("libLibTorchSharp.so"), stream => stream.Write("whole"u8));

        Assert.Equal([".libLibTorchSharp.so." + $"{Leftovers.Tag}.4567cdef.tmp", Path.GetFileName(otherFile), "libLibTorchSharp.so"], _folder.Entries());
    }
}
