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
    public void Default_output_sits_next_to_the_input(string input, string? extension, string expected) =>
        Assert.Equal(expected, OutputPaths.DefaultFor(input, extension));

    [Fact]
    public void Same_file_through_different_spellings()
    {
        string photo = _folder["photo.jpg"];
        File.WriteAllText(photo, "x");
        Directory.CreateDirectory(_folder["sub"]);

        Assert.True(OutputPaths.IsSameFile(photo, Path.Combine(_folder.Path, "sub", "..", "photo.jpg")));
        Assert.False(OutputPaths.IsSameFile(photo, _folder["photo.dream.jpg"]));
    }

    [Fact]
    public void Same_file_through_symbolic_links()
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
    public void A_missing_file_is_only_the_same_when_spelled_the_same()
    {
        Assert.True(OutputPaths.IsSameFile(_folder["new.jpg"], _folder["./new.jpg"]));
        Assert.False(OutputPaths.IsSameFile(_folder["new.jpg"], _folder["other.jpg"]));
    }

    [Fact]
    public void Inside_a_folder_means_below_it_by_name_or_through_links()
    {
        Directory.CreateDirectory(_folder["out/frames"]);
        File.WriteAllText(_folder["out/frames/a.png"], "x");
        Directory.CreateSymbolicLink(_folder["shortcut"], "out");

        Assert.True(OutputPaths.IsInside(_folder["out/frames/a.png"], _folder["out"]));
        Assert.True(OutputPaths.IsInside(_folder["out/not-yet.png"], _folder["out/"]));
        Assert.True(OutputPaths.IsInside(_folder["shortcut/frames/a.png"], _folder["out"]));
        Assert.False(OutputPaths.IsInside(_folder["out"], _folder["out"]));
        Assert.False(OutputPaths.IsInside(_folder["outside.png"], _folder["out"]));
        Assert.False(OutputPaths.IsInside(_folder["out-2/a.png"], _folder["out"]));
    }

    [Fact]
    public void An_output_folder_may_be_missing_but_not_a_file()
    {
        File.WriteAllText(_folder["taken"], "x");

        OutputPaths.CheckOutputFolder(_folder["new/deeper"]);
        var itself = Assert.Throws<DreamOutputException>(() => OutputPaths.CheckOutputFolder(_folder["taken"]));
        var above = Assert.Throws<DreamOutputException>(() => OutputPaths.CheckOutputFolder(_folder["taken/frames"]));

        Assert.Equal($"{_folder["taken"]}: is a file, not a folder", itself.Message);
        Assert.Equal($"{_folder["taken/frames"]}: {_folder["taken"]} is a file, not a folder", above.Message);
        Assert.Equal(["taken"], _folder.Entries());
    }

    [Fact]
    public void An_output_files_folder_must_exist()
    {
        OutputPaths.CheckFolderOf(_folder["out.png"]);
        var error = Assert.Throws<DreamOutputException>(() => OutputPaths.CheckFolderOf(_folder["missing/out.png"]));
        Assert.Equal($"{_folder["missing/out.png"]}: folder {_folder["missing"]} does not exist", error.Message);
    }
}
