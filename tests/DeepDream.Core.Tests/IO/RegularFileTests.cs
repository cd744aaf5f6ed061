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
    public void A_regular_file_is_read_whole()
    {
        File.WriteAllText(_folder["a.txt"], "weights");

        using var file = Open(_folder["a.txt"], insideFolder: _folder.Path);

        Assert.Equal((7L, "weights"), (file.Length, Encoding.ASCII.GetString(file.ReadAllBytes())));
        Assert.Equal(_folder["a.txt"], file.RealPath);
    }

    [Fact]
    public void A_link_to_a_file_inside_the_folder_is_followed_and_named_by_its_target()
    {
        Directory.CreateDirectory(_folder["sub"]);
        File.WriteAllText(_folder["sub/real.bin"], "data");
        File.CreateSymbolicLink(_folder["link.bin"], "sub/real.bin");

        using var file = Open(_folder["link.bin"], insideFolder: _folder.Path);

        Assert.Equal(_folder["sub/real.bin"], file.RealPath);
        Assert.Equal("data", Encoding.ASCII.GetString(file.ReadAllBytes()));
    }

    [Fact]
    public void A_link_leaving_the_folder_is_refused_naming_where_it_leads()
    {
        File.CreateSymbolicLink(_folder["w.bin"], "/etc/passwd");

        Assert.Equal($"{_folder["w.bin"]}: resolves to /etc/passwd, outside the folder {_folder.Path}",
            Refusal(_folder["w.bin"], insideFolder: _folder.Path));
    }

    [Fact]
    public void A_folder_that_is_itself_a_link_is_compared_by_its_real_path()
    {
        Directory.CreateDirectory(_folder["real"]);
        File.WriteAllText(_folder["real/w.bin"], "data");
        Directory.CreateSymbolicLink(_folder["alias"], _folder["real"]);

        using var file = Open(_folder["alias/w.bin"], insideFolder: _folder["alias"]);

        Assert.Equal(_folder["real/w.bin"], file.RealPath);
    }

    [Fact]
    public void A_fifo_is_refused_without_waiting_for_a_writer()
    {
        SpecialFiles.Fifo(_folder["pipe.bin"]);

        Assert.Equal($"{_folder["pipe.bin"]}: is a FIFO (named pipe), not a regular file", Refusal(_folder["pipe.bin"]));
    }

    [Fact]
    public void A_link_to_dev_zero_is_refused_as_a_device()
    {
        File.CreateSymbolicLink(_folder["zeros.bin"], "/dev/zero");

        Assert.Equal($"{_folder["zeros.bin"]}: is a character device, not a regular file", Refusal(_folder["zeros.bin"]));
    }

    [Fact]
    public void A_folder_missing_files_and_dangling_links_are_refused()
    {
        File.CreateSymbolicLink(_folder["dangling"], _folder["nowhere"]);

        Assert.EndsWith(": is a folder, not a file", Refusal(_folder.Path));
        Assert.EndsWith(": file not found", Refusal(_folder["absent"]));
        Assert.EndsWith(": file not found", Refusal(_folder["dangling"]));
    }

    [Fact]
    public void The_size_limit_is_checked_against_the_target_not_the_link()
    {
        File.WriteAllBytes(_folder["big.bin"], new byte[1000]);
        File.CreateSymbolicLink(_folder["small-looking"], "big.bin");

        Assert.Equal($"{_folder["small-looking"]}: 1000 bytes, over the 999-byte limit for a test file",
            Refusal(_folder["small-looking"], maxBytes: 999));
    }

    [Fact]
    public void Reading_goes_through_the_checked_handle_even_if_the_link_is_swapped_afterwards()
    {
        File.WriteAllText(_folder["good.bin"], "good");
        File.CreateSymbolicLink(_folder["w.bin"], "good.bin");
        using var file = Open(_folder["w.bin"], insideFolder: _folder.Path);

        File.Delete(_folder["w.bin"]);
        File.CreateSymbolicLink(_folder["w.bin"], "/etc/passwd");

        Assert.Equal("good", Encoding.ASCII.GetString(file.ReadAllBytes()));
    }
}
