using System.Text.Json;
using DeepDream.Batch;

namespace DeepDream.Tests.Batch;

/// <summary><c>dream batch</c> in-process on the built-in tiny network.</summary>
public sealed class BatchCommandTests : IDisposable
{
    private static readonly string[] Fast = ["--model", "tiny", "--octaves", "1", "--steps", "2"];

    private readonly TempFolder _temp = new();

    public BatchCommandTests()
    {
        TestImages.Random(_temp["in/a.png"], 24, 16, seed: 1);
        TestImages.Random(_temp["in/b.png"], 16, 16, seed: 2);
        TestImages.Random(_temp["in/sub/c.png"], 20, 12, seed: 3);
        File.WriteAllText(_temp["in/bad.jpg"], "not a picture");
        File.WriteAllBytes(_temp["in/empty.png"], []);
    }

    public void Dispose() => _temp.Dispose();

    private string Out => _temp["out"];

    private CliRun Batch(params string[] options) => CliRun.Invoke(["batch", _temp["in"], "--out", Out, "--recursive", .. Fast, .. options]);

    private IReadOnlyList<ManifestRecord> Manifest(string name = "manifest.jsonl") => BatchManifest.Read(Path.Combine(Out, name));

    private Dictionary<string, DateTime> OutputTimes() =>
        new[] { "a.png", "b.png", "sub/c.png" }.ToDictionary(name => name, name => File.GetLastWriteTimeUtc(Path.Combine(Out, name)));

    [Theory]
    [InlineData("--layer", "nosuch", "no layer 'nosuch'")]
    [InlineData("--layer", "conv1:99", "conv1 has 8 channels")]
    [InlineData("--class", "12", "classes 0-9")]
    public void Bad_objective_settings_are_a_usage_error_before_any_file(string option, string value, string mentioned)
    {
        var run = Batch(option, value);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains(mentioned, run.Error);
        Assert.False(Directory.Exists(Out) && Directory.EnumerateFileSystemEntries(Out).Any());
    }

    [Fact]
    public void A_list_file_is_read_by_the_batch_relative_to_its_folder_not_expanded_by_the_parser()
    {
        // The parser would read "@list" itself (relative to the current folder, with no check on what the file is).
        File.WriteAllText(_temp["in/picks.txt"], "# two of them\na.png\nsub/c.png\n");

        var run = CliRun.Invoke(["batch", $"@{_temp["in/picks.txt"]}", "--out", Out, .. Fast]);

        Assert.Equal((ExitCodes.Ok, ""), (run.ExitCode, run.Error));
        Assert.Equal(["a.png", "sub/c.png"], Manifest().Select(record => record.Input));
    }

    [Fact]
    public void Good_files_are_dreamed_and_bad_ones_reported_recorded_and_counted_in_the_exit_code()
    {
        var run = Batch();

        Assert.Equal(ExitCodes.PartialFailure, run.ExitCode);
        Assert.Matches(@"^batch: 3 done, 0 skipped, 2 failed of 5 in \d+\.\d s; manifest .*/out/manifest\.jsonl\n$", run.Out);
        var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.StartsWith($"dream: batch: failed: bad.jpg: {_temp["in/bad.jpg"]}: not an image", errors[0]);
        Assert.StartsWith($"dream: batch: failed: empty.png: {_temp["in/empty.png"]}: empty file", errors[1]);

        Assert.Equal((24, 16), Size("a.png"));
        Assert.Equal((16, 16), Size("b.png"));
        Assert.Equal((20, 12), Size("sub/c.png"));
        Assert.False(File.Exists(Path.Combine(Out, "bad.jpg")));
        Assert.False(File.Exists(Path.Combine(Out, "empty.png")));

        var statuses = Manifest().ToDictionary(record => record.Input, record => record.Status);
        Assert.Equal(ManifestStatus.Failed, statuses["bad.jpg"]);
        Assert.Equal(ManifestStatus.Failed, statuses["empty.png"]);
        Assert.All(new[] { "a.png", "b.png", "sub/c.png" }, name => Assert.Equal(ManifestStatus.Done, statuses[name]));
        Assert.Contains("not an image", Manifest().Single(record => record.Input == "bad.jpg").Error);
    }

    [Fact]
    public void A_rerun_skips_finished_files_retries_failed_ones_and_redoes_everything_for_other_settings()
    {
        Batch();
        var before = OutputTimes();

        var again = Batch();

        Assert.Equal(ExitCodes.PartialFailure, again.ExitCode);
        Assert.StartsWith("batch: 0 done, 3 skipped, 2 failed of 5", again.Out);
        Assert.Equal(before, OutputTimes());
        var latest = Manifest().GroupBy(record => record.Input).ToDictionary(group => group.Key, group => group.Last().Status);
        Assert.Equal(ManifestStatus.Skipped, latest["sub/c.png"]);
        Assert.Equal(ManifestStatus.Failed, latest["bad.jpg"]);

        var reseeded = Batch("--seed", "7");
        Assert.StartsWith("batch: 3 done, 0 skipped, 2 failed of 5", reseeded.Out);
    }

    [Fact]
    public void Two_shards_cover_every_file_exactly_once_and_an_unsharded_run_recognises_their_work()
    {
        for (int i = 0; i < 8; i++) TestImages.Random(_temp[$"many/p{i}.png"], 12, 12, seed: i);
        string[] Shard(string part) => Done(CliRun.Invoke(["batch", _temp["many"], "--out", Out, "--shard", part, "--json", .. Fast]));

        var first = Shard("1/2");
        var second = Shard("2/2");

        Assert.NotEmpty(first);
        Assert.NotEmpty(second);
        Assert.Empty(first.Intersect(second));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"p{i}.png"), first.Concat(second).Order());
        Assert.Equal(first.Order(), Manifest("manifest.shard-1-of-2.jsonl").Select(record => record.Input).Order());
        Assert.Equal(second.Order(), Manifest("manifest.shard-2-of-2.jsonl").Select(record => record.Input).Order());

        var whole = CliRun.Invoke(["batch", _temp["many"], "--out", Out, .. Fast]);
        Assert.StartsWith("batch: 0 done, 8 skipped, 0 failed of 8", whole.Out);
    }

    [Fact]
    public void Json_gives_one_event_per_file_and_a_summary_and_nothing_on_stderr()
    {
        var run = Batch("--json");

        Assert.Equal(ExitCodes.PartialFailure, run.ExitCode);
        Assert.Equal("", run.Error);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(6, lines.Count);
        var items = lines[..^1];
        var done = items.Where(line => line.GetProperty("event").GetString() == "done").ToList();
        Assert.Equal(["a.png", "b.png", "sub/c.png"], done.Select(line => line.GetProperty("input").GetString()));
        Assert.All(done, line => Assert.True(File.Exists(line.GetProperty("output").GetString())));
        Assert.All(done, line => Assert.True(line.GetProperty("seconds").GetDouble() > 0));
        var failed = items.Single(line => line.GetProperty("input").GetString() == "bad.jpg");
        Assert.Equal("failed", failed.GetProperty("event").GetString());
        Assert.Contains("not an image", failed.GetProperty("error").GetString());

        var summary = lines[^1];
        Assert.Equal("summary", summary.GetProperty("event").GetString());
        Assert.Equal((5, 3, 0, 2, 0, 4), (summary.GetProperty("total").GetInt32(), summary.GetProperty("done").GetInt32(),
            summary.GetProperty("skipped").GetInt32(), summary.GetProperty("failed").GetInt32(),
            summary.GetProperty("remaining").GetInt32(), summary.GetProperty("exitCode").GetInt32()));
        Assert.Equal(["bad.jpg", "empty.png"], summary.GetProperty("failures").EnumerateArray().Select(f => f.GetProperty("input").GetString()));
    }

    [Fact]
    public void Piped_runs_print_only_the_summary_and_quiet_runs_nothing()
    {
        File.Delete(_temp["in/bad.jpg"]);
        File.Delete(_temp["in/empty.png"]);

        var piped = Batch();
        var quiet = Batch("--quiet");

        Assert.Equal((0, ""), (piped.ExitCode, piped.Error));
        Assert.Single(piped.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal((0, "", ""), (quiet.ExitCode, quiet.Out, quiet.Error));
    }

    [Fact]
    public void Format_chooses_the_output_extension()
    {
        File.Delete(_temp["in/bad.jpg"]);
        File.Delete(_temp["in/empty.png"]);

        Assert.Equal(0, Batch("--format", "jpeg", "--quality", "80").ExitCode);

        Assert.Equal(["a.jpg", "b.jpg", "manifest.jsonl", "sub/c.jpg"],
            Directory.GetFiles(Out, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(Out, path)).Order());
        Assert.Equal([0xFF, 0xD8], File.ReadAllBytes(Path.Combine(Out, "a.jpg"))[..2]);
    }

    [Fact]
    public void Variants_dream_each_input_once_per_seed_named_by_seed_and_resume_per_variant()
    {
        var three = CliRun.Invoke(["batch", _temp["in/a.png"], _temp["in/sub/c.png"], "--out", Out, "--variants", "3", "--seed", "5", .. Fast]);

        Assert.Equal(0, three.ExitCode);
        Assert.StartsWith("batch: 6 done, 0 skipped, 0 failed of 6", three.Out);
        string[] names = ["a.seed5.png", "a.seed6.png", "a.seed7.png", "c.seed5.png", "c.seed6.png", "c.seed7.png"];
        Assert.Equal(names, Directory.GetFiles(Out).Select(Path.GetFileName).Where(name => name!.EndsWith(".png")).Order());
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(Out, "a.seed5.png")), File.ReadAllBytes(Path.Combine(Out, "a.seed6.png")));
        var single = CliRun.Invoke(["batch", _temp["in/a.png"], "--out", _temp["single"], "--seed", "6", .. Fast]);
        Assert.Equal(0, single.ExitCode);
        Assert.Equal(TestImages.Read(_temp["single/a.png"]).Rgb, TestImages.Read(Path.Combine(Out, "a.seed6.png")).Rgb);

        var four = CliRun.Invoke(["batch", _temp["in/a.png"], _temp["in/sub/c.png"], "--out", Out, "--variants", "2", "--seed", "7", .. Fast]);

        Assert.StartsWith("batch: 2 done, 2 skipped, 0 failed of 4", four.Out);
        Assert.True(File.Exists(Path.Combine(Out, "a.seed8.png")));
    }

    public static TheoryData<string[], int, string> BadCommandLines => new()
    {
        { ["batch", "{in}", "--out", "{out}", "--variants", "0"], ExitCodes.UsageError, "--variants: must be between 1 and 10000" },
        { ["batch", "{in}/missing", "--out", "{out}"], ExitCodes.BadInput, "missing: no such file or folder" },
        { ["batch", "{in}/sub/none*.png", "--out", "{out}"], ExitCodes.BadInput, "no image files match" },
        { ["batch", "{in}", "--out", "{out}", "--shard", "0/2"], ExitCodes.UsageError, "--shard '0/2'" },
        { ["batch", "{in}", "--out", "{out}", "--quality", "0"], ExitCodes.UsageError, "--quality" },
        { ["batch", "{in}", "--out", "{out}", "--format", "tiff"], ExitCodes.UsageError, "tiff" },
        { ["batch", "{in}"], ExitCodes.UsageError, "--out" },
        { ["batch", "{in}/anim.gif", "--out", "{out}"], ExitCodes.UsageError, "--format: anim.gif cannot be written as .gif" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public void Bad_command_lines_fail_before_any_output_with_their_exit_code(string[] args, int exitCode, string message)
    {
        File.WriteAllText(_temp["in/anim.gif"], "GIF89a");

        var run = CliRun.Invoke([.. args.Select(arg => arg.Replace("{in}", _temp["in"]).Replace("{out}", Out)), .. Fast]);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.False(Directory.Exists(Out));
    }

    private (int Width, int Height) Size(string output)
    {
        var image = TestImages.Read(Path.Combine(Out, output));
        return (image.Width, image.Height);
    }

    private static string[] Done(CliRun run) =>
        run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(line => line.GetProperty("event").GetString() == "done")
            .Select(line => line.GetProperty("input").GetString()!)
            .ToArray();
}
