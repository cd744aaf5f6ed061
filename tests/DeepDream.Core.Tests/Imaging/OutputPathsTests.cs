using DeepDream.Imaging;

namespace DeepDream.Tests.Imaging;

public sealed class OutputPathsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("photo.jpg", null, "photo.dream.jpg")]
    [InlineData("shots/photo.JPEG", null, "shots/photo.dream.JPEG")]
    [InlineData("/tmp/photo.webp", null, "/tmp/photo.dream.webp")]
    [InlineData("photo.jpg", ".png", "photo.dream.png")]
    [InlineData("photo.jpg", "webp", "photo.dream.webp")]
    [InlineData("anim.gif", null, "anim.dream.png")] // GIF cannot be written
    [InlineData("scan.bmp", null, "scan.dream.png")]
    [InlineData("my.holiday.jpg", null, "my.holiday.dream.jpg")]
    public void DefaultOutputSitsNextToTheInput(string input, string? extension, string expected) =>
        Assert.Equal(expected, OutputPaths.DefaultFor(input, extension));

    [Fact]
    public void SameFileThroughDifferentSpellings()
    {
        string photo = _folder["photo.jpg"];
        File.WriteAllText(photo, "x");
        Directory.CreateDirectory(_folder["sub"]);

        Assert.True(OutputPaths.IsSameFile(photo, Path.Combine(_folder.Path, "sub", "..", "photo.jpg")));
        Assert.False(OutputPaths.IsSameFile(photo, _folder["photo.dream.jpg"]));
    }

    [Fact]
    public void SameFileThroughSymbolicLinks()
    {
        string photo = _folder["real/photo.jpg"];
        Directory.CreateDirectory(_folder["real"]);
        File.WriteAllText(photo, "x");
        File.CreateSymbolicLink(_folder["alias.jpg"], "real/photo.jpg");
        Directory.CreateSymbolicLink(_folder["linked"], "real");

        Assert.True(OutputPaths.IsSameFile(photo, _folder["alias.jpg"]));
        Assert.True(OutputPaths.IsSameFile(_folder["linked/photo.jpg"], photo));
        Assert.True(OutputPaths.IsSameFile(_folder["linked/photo.jpg"], _folder["alias.jpg"]));
    }

    [Fact]
    public void AMissingFileIsOnlyTheSameWhenSpelledTheSame()
    {
        Assert.True(OutputPaths.IsSameFile(_folder["new.jpg"], _folder["./new.jpg"]));
        Assert.False(OutputPaths.IsSameFile(_folder["new.jpg"], _folder["other.jpg"]));
    }
}
