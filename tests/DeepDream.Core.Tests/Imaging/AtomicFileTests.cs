using System.Text.RegularExpressions;
using DeepDream.Imaging;
using DeepDream.IO;
using DeepDream.Tests.IO;

namespace DeepDream.Tests.Imaging;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Content_is_written_through_a_hidden_temporary_file_in_the_same_folder()
    {
        string path = _folder["photo.dream.jpg"];
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
    public void A_failure_mid_way_leaves_neither_temporary_file_nor_target()
    {
        string path = _folder["out.png"];

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new IOException("disk full");
        }));

        Assert.Empty(_folder.Entries());
    }

    [Fact]
    public void A_failure_mid_way_keeps_the_previous_content()
    {
        string path = _folder["out.png"];
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
    public void Temporary_files_of_a_killed_writer_of_the_same_file_are_deleted_and_a_running_ones_kept()
    {
        string host = Leftovers.Tag.Split('@')[1];
        string killed = _folder[$".libLibTorchSharp.so.{SpecialFiles.DeadProcessId()}@{host}.0123abcd.tmp"];
        string running = _folder[$".libLibTorchSharp.so.{Leftovers.Tag}.4567cdef.tmp"];
        string otherFile = _folder[$".other.so.{SpecialFiles.DeadProcessId()}@{host}.0123abcd.tmp"];
        foreach (var path in new[] { killed, running, otherFile }) File.WriteAllText(path, "partial");

        AtomicFile.Write(_folder["libLibTorchSharp.so"], stream => stream.Write("whole"u8));

        Assert.Equal([".libLibTorchSharp.so." + $"{Leftovers.Tag}.4567cdef.tmp", Path.GetFileName(otherFile), "libLibTorchSharp.so"], _folder.Entries());
    }

    [Fact]
    public void A_writer_that_takes_a_path_gets_the_temporary_one_and_the_result_is_renamed()
    {
        string path = _folder["zoom.mp4"];
        string? given = null;

        AtomicFile.WriteByPath(path, temporary =>
        {
            given = temporary;
            File.WriteAllText(temporary, "video");
        });

        Assert.Matches($@"^\.zoom\.mp4\.{Regex.Escape(Leftovers.Tag)}\.[0-9a-f]{{8}}\.tmp$", Path.GetFileName(given));
        Assert.Equal(["zoom.mp4"], _folder.Entries());
        Assert.Equal("video", File.ReadAllText(path));
    }

    [Fact]
    public void A_writer_that_fails_or_writes_nothing_leaves_nothing()
    {
        string path = _folder["zoom.mp4"];

        Assert.Throws<IOException>(() => AtomicFile.WriteByPath(path, temporary =>
        {
            File.WriteAllText(temporary, "half a vid");
            throw new IOException("ffmpeg died");
        }));
        var nothing = Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteByPath(path, _ => { }));

        Assert.StartsWith($"{path}: the writer returned without writing", nothing.Message);
        Assert.Empty(_folder.Entries());
    }
}
