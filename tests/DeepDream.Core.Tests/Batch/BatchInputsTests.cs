using DeepDream.Batch;
using DeepDream.Tests.IO;

namespace DeepDream.Tests.Batch;

public sealed class BatchInputsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Folder_gives_its_image_files_by_extension_ignoring_case_in_ordinal_order()
    {
        foreach (string name in new[] { "f.gif", "b.JPG", "e.bmp", "a.png", "d.webp", "c.jpeg", "notes.txt", "sub/g.jpg" })
        {
            _temp.Write("photos/" + name);
        }

        IReadOnlyList<BatchItem> items = Resolve(recursive: false, "photos");

        Assert.Equal(["a.png", "b.JPG", "c.jpeg", "d.webp", "e.bmp", "f.gif"], RelativePaths(items));
        Assert.Equal(_temp["photos/a.png"], items[0].SourcePath);
    }

    [Fact]
    public void Recursive_folder_includes_subfolders_with_paths_relative_to_the_folder()
    {
        _temp.Write("photos/b.jpg");
        _temp.Write("photos/sub/g.jpg");
        _temp.Write("photos/sub/deeper/h.png");

        IReadOnlyList<BatchItem> items = Resolve(recursive: true, "photos");

        Assert.Equal(["b.jpg", "sub/deeper/h.png", "sub/g.jpg"], RelativePaths(items));
        Assert.Equal(_temp["photos/sub/deeper/h.png"], items[1].SourcePath);
    }

    [Fact]
    public void Folder_walk_skips_hidden_entries_linked_folders_and_the_output_folder()
    {
        _temp.Write("photos/a.jpg");
        _temp.Write("photos/.b.jpg");
        _temp.Write("photos/.cache/c.jpg");
        _temp.Write("photos/out/earlier-output.png");
        string elsewhere = _temp.Write("elsewhere/linked.jpg");
        File.CreateSymbolicLink(_temp["photos/linked.jpg"], elsewhere);
        Directory.CreateSymbolicLink(_temp["photos/loop"], _temp["photos"]);

        IReadOnlyList<BatchItem> items = BatchInputs.Resolve(["photos"], recursive: true, "photos/out", _temp.Path);

        Assert.Equal(["a.jpg", "linked.jpg"], RelativePaths(items));
    }

    [Fact]
    public void Single_star_glob_matches_one_folder_level_and_only_images()
    {
        _temp.Write("photos/a.jpg");
        _temp.Write("photos/b.png");
        _temp.Write("photos/sub/c.jpg");

        Assert.Equal(["a.jpg"], RelativePaths(Resolve(recursive: true, "photos/*.jpg")));
        Assert.Equal(["a.jpg", "b.png"], RelativePaths(Resolve(recursive: false, "photos/*")));
        Assert.Equal(["photos/a.jpg"], RelativePaths(Resolve(recursive: false, "*/?.jpg")));
    }

    [Fact]
    public void Double_star_glob_matches_any_depth_relative_to_the_folder_before_the_wildcard()
    {
        _temp.Write("photos/a.jpg");
        _temp.Write("photos/sub/c.jpg");
        _temp.Write("photos/sub/deeper/d.jpg");
        _temp.Write("photos/sub/deeper/e.png");

        Assert.Equal(
            ["a.jpg", "sub/c.jpg", "sub/deeper/d.jpg"], RelativePaths(Resolve(recursive: false, "photos/**/*.jpg")));
        Assert.Equal(["c.jpg", "deeper/d.jpg", "deeper/e.png"], RelativePaths(Resolve(recursive: false, "photos/sub/**")));
        Assert.Equal(
            ["sub/deeper/d.jpg"],
            RelativePaths(Resolve(recursive: false, Path.Combine(_temp.Path, "photos/**/deeper/d.*"))));
    }

    [Fact]
    public void List_file_entries_are_relative_to_its_folder_and_skip_blanks_and_comments()
    {
        _temp.Write("lists/mine/x.jpg");
        _temp.Write("photos/b.jpg");
        string outside = _temp.Write("photos/sub/c.jpg");
        _temp.Write("lists/picks.txt", $"# favourites\n\n  mine/x.jpg  \n../photos/b.jpg\n{outside}\n");

        IReadOnlyList<BatchItem> items = Resolve(recursive: false, "@lists/picks.txt");

        // Files outside the list's folder keep only their name: no ".." may reach the output path.
        Assert.Equal(["b.jpg", "c.jpg", "mine/x.jpg"], RelativePaths(items));
        Assert.Equal(outside, items[1].SourcePath);
    }

    [Fact]
    public void List_file_errors_name_the_list_line_and_entry()
    {
        _temp.Write("lists/a.jpg");
        _temp.Write("lists/sub/b.jpg");
        _temp.Write("lists/missing.txt", "a.jpg\n# gone:\ngone.jpg\n");
        _temp.Write("lists/folder.txt", "sub\n");
        _temp.Write("lists/empty.txt", "# nothing yet\n\n");

        Assert.Equal("lists/missing.txt:3: gone.jpg: no such file", ErrorOf("@lists/missing.txt"));
        Assert.Equal("lists/folder.txt:1: sub: is a folder; list files one per line", ErrorOf("@lists/folder.txt"));
        Assert.Equal("@lists/empty.txt: the list names no files", ErrorOf("@lists/empty.txt"));
        Assert.Equal("@nolist.txt: list file not found", ErrorOf("@nolist.txt"));
    }

    [Fact]
    public void A_list_file_that_is_a_fifo_or_a_device_is_refused_without_waiting()
    {
        SpecialFiles.Fifo(_temp["pipe.txt"]);
        File.CreateSymbolicLink(_temp["zeros.txt"], "/dev/zero");

        Assert.Equal($"{_temp["pipe.txt"]}: is a FIFO (named pipe), not a regular file", ErrorOf("@pipe.txt"));
        Assert.Equal($"{_temp["zeros.txt"]}: is a character device, not a regular file", ErrorOf("@zeros.txt"));
    }

    [Fact]
    public void Specs_that_give_nothing_are_errors_naming_the_spec()
    {
        _temp.Write("photos/a.jpg");
        _temp.Write("empty/readme.txt");

        Assert.Equal("photos/missing.jpg: no such file or folder", ErrorOf("photos/missing.jpg"));
        Assert.Equal("photos/*.gif: no image files match", ErrorOf("photos/*.gif"));
        Assert.Equal($"nope/*.jpg: folder {_temp["nope"]} does not exist", ErrorOf("nope/*.jpg"));
        Assert.Equal(
            "empty: no image files (.jpg .jpeg .png .webp .bmp .gif) in this folder (subfolders not searched)",
            ErrorOf("empty"));
        Assert.Equal("an input path is empty", ErrorOf(" "));
    }

    [Fact]
    public void Named_file_is_taken_whatever_its_extension_with_its_name_as_relative_path()
    {
        string notes = _temp.Write("photos/sub/notes.txt");

        BatchItem item = Assert.Single(Resolve(recursive: false, "photos/sub/notes.txt"));

        Assert.Equal(new BatchItem(notes, "notes.txt"), item);
    }

    [Fact]
    public void A_file_named_twice_is_kept_once_with_the_relative_path_of_the_first_spec()
    {
        _temp.Write("photos/a.jpg");
        _temp.Write("photos/b.jpg");
        _temp.Write("photos/sub/c.jpg");

        IReadOnlyList<BatchItem> items =
            Resolve(recursive: true, "photos/sub/c.jpg", "photos", "photos/*.jpg", _temp["photos/a.jpg"]);

        Assert.Equal(["a.jpg", "b.jpg", "c.jpg"], RelativePaths(items));
        Assert.Equal(3, items.Select(item => item.SourcePath).Distinct().Count());
    }

    [Fact]
    public void Order_does_not_depend_on_the_order_of_the_specs()
    {
        _temp.Write("one/z.jpg");
        _temp.Write("one/B.jpg");
        _temp.Write("two/a.jpg");
        _temp.Write("two/m/y.png");

        IReadOnlyList<BatchItem> forward = Resolve(recursive: true, "one", "two");
        IReadOnlyList<BatchItem> backward = Resolve(recursive: true, "two", "one");

        Assert.Equal(["B.jpg", "a.jpg", "m/y.png", "z.jpg"], RelativePaths(forward));
        Assert.Equal(forward, backward);
    }

    private IReadOnlyList<BatchItem> Resolve(bool recursive, params string[] specs) =>
        BatchInputs.Resolve(specs, recursive, outputFolder: null, workingDirectory: _temp.Path);

    private string ErrorOf(string spec) =>
        Assert.Throws<BatchInputException>(() => Resolve(recursive: false, spec)).Message;

    private static string[] RelativePaths(IEnumerable<BatchItem> items) =>
        items.Select(item => item.RelativePath).ToArray();
}
