using System.Text;
using DeepDream.IO;
using DeepDream.Tests.Imaging;

namespace DeepDream.Tests.IO;

/// <summary>The one check every file from outside goes through: regular, bounded, inside its folder, read through one handle.</summary>
public sealed class RegularFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static RegularFile Open(string path, long maxBytes = 1 << 20, string? insideFolder = null) =>
        RegularFile.Open(path, maxBytes, "a test file", message => new InvalidDataException(message), insideFolder);

    private static string Refusal(string path, long maxBytes = 1 << 20, string? insideFolder = null) =>
        Assert.Throws<InvalidDataException>(() => Open(path, maxBytes, insideFolder).Dispose()).Message;

    [Fact]
    public void ARegularFileIsReadWhole()
    {
        File.WriteAllText(_folder.File("a.txt"), "weights");

        using var file = Open(_folder.File("a.txt"), insideFolder: _folder.Path);

        Assert.Equal((7L, "weights"), (file.Length, Encoding.ASCII.GetString(file.ReadAllBytes())));
        Assert.Equal(_folder.File("a.txt"), file.RealPath);
    }

    [Fact]
    public void ALinkToAFileInsideTheFolderIsFollowedAndNamedByItsTarget()
    {
        Directory.CreateDirectory(_folder.File("sub"));
        File.WriteAllText(_folder.File("sub/real.bin"), "data");
        File.CreateSymbolicLink(_folder.File("link.bin"), "sub/real.bin");

        using var file = Open(_folder.File("link.bin"), insideFolder: _folder.Path);

        Assert.Equal(_folder.File("sub/real.bin"), file.RealPath);
        Assert.Equal("data", Encoding.ASCII.GetString(file.ReadAllBytes()));
    }

    [Fact]
    public void ALinkLeavingTheFolderIsRefusedNamingWhereItLeads()
    {
        File.CreateSymbolicLink(_folder.File("w.bin"), "/etc/passwd");

        Assert.Equal($"{_folder.File("w.bin")}: resolves to /etc/passwd, outside the folder {_folder.Path}",
            Refusal(_folder.File("w.bin"), insideFolder: _folder.Path));
    }

    [Fact]
    public void AFolderThatIsItselfALinkIsComparedByItsRealPath()
    {
        Directory.CreateDirectory(_folder.File("real"));
        File.WriteAllText(_folder.File("real/w.bin"), "data");
        Directory.CreateSymbolicLink(_folder.File("alias"), _folder.File("real"));

        using var file = Open(_folder.File("alias/w.bin"), insideFolder: _folder.File("alias"));

        Assert.Equal(_folder.File("real/w.bin"), file.RealPath);
    }

    [Fact]
    public void AFifoIsRefusedWithoutWaitingForAWriter()
    {
        SpecialFiles.Fifo(_folder.File("pipe.bin"));

        Assert.Equal($"{_folder.File("pipe.bin")}: is a FIFO (named pipe), not a regular file", Refusal(_folder.File("pipe.bin")));
    }

    [Fact]
    public void ALinkToDevZeroIsRefusedAsADevice()
    {
        File.CreateSymbolicLink(_folder.File("zeros.bin"), "/dev/zero");

        Assert.Equal($"{_folder.File("zeros.bin")}: is a character device, not a regular file", Refusal(_folder.File("zeros.bin")));
    }

    [Fact]
    public void AFolderMissingFilesAndDanglingLinksAreRefused()
    {
        File.CreateSymbolicLink(_folder.File("dangling"), _folder.File("nowhere"));

        Assert.EndsWith(": is a folder, not a file", Refusal(_folder.Path));
        Assert.EndsWith(": file not found", Refusal(_folder.File("absent")));
        Assert.EndsWith(": file not found", Refusal(_folder.File("dangling")));
    }

    [Fact]
    public void TheSizeLimitIsCheckedAgainstTheTargetNotTheLink()
    {
        File.WriteAllBytes(_folder.File("big.bin"), new byte[1000]);
        File.CreateSymbolicLink(_folder.File("small-looking"), "big.bin");

        Assert.Equal($"{_folder.File("small-looking")}: 1000 bytes, over the 999-byte limit for a test file",
            Refusal(_folder.File("small-looking"), maxBytes: 999));
    }

    [Fact]
    public void ReadingGoesThroughTheCheckedHandleEvenIfTheLinkIsSwappedAfterwards()
    {
        File.WriteAllText(_folder.File("good.bin"), "good");
        File.CreateSymbolicLink(_folder.File("w.bin"), "good.bin");
        using var file = Open(_folder.File("w.bin"), insideFolder: _folder.Path);

        File.Delete(_folder.File("w.bin"));
        File.CreateSymbolicLink(_folder.File("w.bin"), "/etc/passwd");

        Assert.Equal("good", Encoding.ASCII.GetString(file.ReadAllBytes()));
    }
}
