using System.Text.Json;
using DeepDream.Batch;

namespace DeepDream.Tests.Batch;

public sealed class BatchManifestTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void File_name_tells_the_shard()
    {
        Assert.Equal("manifest.jsonl", BatchManifest.FileName(Shard.All));
        Assert.Equal("manifest.shard-2-of-4.jsonl", BatchManifest.FileName(Shard.Parse("2/4")));
    }

    [Fact]
    public void Records_are_appended_as_camel_case_json_lines_and_read_back()
    {
        ManifestRecord done = Record("sub/a.jpg", ManifestStatus.Done, Noon);
        ManifestRecord failed = Record("b.jpg", ManifestStatus.Failed, Noon.AddSeconds(3)) with { Error = "b.jpg: bad" };

        using (BatchManifest manifest = BatchManifest.Open(_temp.Path, Shard.All))
        {
            Assert.Equal(_temp["manifest.jsonl"], manifest.FilePath);
            manifest.Append(done);
            manifest.Append(failed);
        }

        string[] lines = File.ReadAllText(_temp["manifest.jsonl"]).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("", lines[2]);
        Assert.Equal(
            """{"input":"sub/a.jpg","output":"sub/a.png","settingsHash":"abc123","status":"done","error":null,"seconds":1.25,"timestamp":"2025-06-01T12:00:00+00:00"}""",
            lines[0]);
        Assert.Contains("\"status\":\"failed\",\"error\":\"b.jpg: bad\"", lines[1]);
        Assert.Equal([done, failed], BatchManifest.Read(_temp["manifest.jsonl"]));
    }

    [Fact]
    public void A_line_cut_short_by_a_kill_is_ignored_and_removed_before_the_next_append()
    {
        using (BatchManifest manifest = BatchManifest.Open(_temp.Path, Shard.All))
        {
            manifest.Append(Record("a.jpg", ManifestStatus.Done, Noon));
        }
        string wholeLine = File.ReadAllText(_temp["manifest.jsonl"]);
        // Even a line whose JSON happens to be complete does not count without its newline.
        File.AppendAllText(_temp["manifest.jsonl"], wholeLine.Replace("a.jpg", "b.jpg").TrimEnd('\n'));

        Assert.Equal(["a.jpg"], BatchManifest.Read(_temp["manifest.jsonl"]).Select(record => record.Input));

        using (BatchManifest manifest = BatchManifest.Open(_temp.Path, Shard.All))
        {
            Assert.Null(manifest.LatestFor("b.jpg"));
            manifest.Append(Record("c.jpg", ManifestStatus.Done, Noon));
        }
        Assert.Equal(["a.jpg", "c.jpg"], BatchManifest.Read(_temp["manifest.jsonl"]).Select(record => record.Input));
        Assert.Equal(2, File.ReadAllText(_temp["manifest.jsonl"]).Count(c => c == '\n'));
    }

    [Fact]
    public void A_file_holding_only_a_cut_short_line_is_emptied()
    {
        File.WriteAllText(_temp["manifest.jsonl"], "{\"input\":\"a.j");

        using (BatchManifest manifest = BatchManifest.Open(_temp.Path, Shard.All))
        {
            Assert.Null(manifest.LatestFor("a.jpg"));
        }

        Assert.Equal(0, new FileInfo(_temp["manifest.jsonl"]).Length);
    }

    [Fact]
    public void Lines_that_are_not_whole_records_are_skipped()
    {
        string good = "{\"input\":\"a.jpg\",\"output\":\"a.png\",\"settingsHash\":\"h\",\"status\":\"done\","
            + "\"error\":null,\"seconds\":1,\"timestamp\":\"2025-06-01T12:00:00+00:00\"}";
        string noStatus = good.Replace("\"status\":\"done\",", "");
        string badStatus = good.Replace("done", "finished");
        File.WriteAllText(_temp["manifest.jsonl"], string.Join('\n', "not json", good, noStatus, badStatus, "", "[]") + "\n");

        ManifestRecord record = Assert.Single(BatchManifest.Read(_temp["manifest.jsonl"]));

        Assert.Equal(("a.jpg", ManifestStatus.Done), (record.Input, record.Status));
    }

    [Fact]
    public void Latest_record_is_found_across_every_shard_manifest_in_the_folder()
    {
        WriteLines("manifest.jsonl", Record("a.jpg", ManifestStatus.Done, Noon), Record("b.jpg", ManifestStatus.Done, Noon));
        WriteLines("manifest.shard-1-of-2.jsonl", Record("a.jpg", ManifestStatus.Failed, Noon.AddMinutes(1)));
        WriteLines("manifest.shard-2-of-3.jsonl", Record("b.jpg", ManifestStatus.Failed, Noon.AddMinutes(-1)));

        using BatchManifest manifest = BatchManifest.Open(_temp.Path, Shard.Parse("2/2"));

        Assert.Equal(ManifestStatus.Failed, manifest.LatestFor("a.jpg")?.Status);
        Assert.Equal(ManifestStatus.Done, manifest.LatestFor("b.jpg")?.Status);
        manifest.Append(Record("b.jpg", ManifestStatus.Skipped, Noon.AddMinutes(2)));
        Assert.Equal(ManifestStatus.Skipped, manifest.LatestFor("b.jpg")?.Status);
        Assert.True(File.Exists(_temp["manifest.shard-2-of-2.jsonl"]));
    }

    private void WriteLines(string fileName, params ManifestRecord[] records) =>
        File.WriteAllText(
            _temp[fileName],
            string.Concat(records.Select(record =>
                JsonSerializer.Serialize(record, ManifestJsonContext.Default.ManifestRecord) + "\n")));

    private static ManifestRecord Record(string input, ManifestStatus status, DateTimeOffset timestamp) => new()
    {
        Input = input,
        Output = Path.ChangeExtension(input, ".png"),
        SettingsHash = "abc123",
        Status = status,
        Seconds = 1.25,
        Timestamp = timestamp,
    };
}
