using System.Text.Json.Nodes;
using DeepDream.Import.Graph;
using DeepDream.Models.Store;

namespace DeepDream.Tests.Models.Store;

/// <summary>
/// The weights' fingerprint and SHA-256 of an installed model, kept beside it (<see cref="WeightsSummaryCache"/>): a
/// start with the same file reads them back, anything that does not match exactly computes them again.
/// </summary>
public sealed class WeightsSummaryCacheTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private string ModelPath => _folder["model.ddm"];
    private string CachePath => _folder[WeightsSummaryCache.FileName];

    public void Dispose() => _folder.Dispose();

    private static GraphDescription Graph(float scale)
    {
        var random = new Random(7);
        float[] weights = [.. Enumerable.Range(0, 4 * 3 * 3 * 3).Select(_ => (float)random.NextDouble() * scale)];
        return new GraphDescription
        {
            Name = "conv",
            Input = new GraphInput("data", [1, 3, 8, 8]),
            Outputs = ["r"],
            Nodes =
            [
                new GraphNode("conv", "Conv", ["data", "w", "b"], ["c"], new Dictionary<string, GraphAttribute> { ["pads"] = GraphAttribute.Of(1L, 1L, 1L, 1L) }),
                new GraphNode("relu", "Relu", ["c"], ["r"], new Dictionary<string, GraphAttribute>()),
            ],
            Initializers = new Dictionary<string, GraphTensor>
            {
                ["w"] = GraphTensor.FromFloats("w", weights, 4, 3, 3, 3),
                ["b"] = GraphTensor.FromFloats("b", [0.5f, -1f, 2f, scale], 4),
            },
        };
    }

    /// <summary>The model file prepared as an installed model is: fingerprint and SHA-256 through the cache beside it.</summary>
    private (string Fingerprint, string Sha256) Cached()
    {
        var prepared = PreparedGraph.Of(GraphFile.Read(ModelPath, CachePath));
        return (prepared.Fingerprint, prepared.WeightsSha256);
    }

    /// <summary>The same computed from the weights, with no cache.</summary>
    private (string Fingerprint, string Sha256) Computed()
    {
        var prepared = PreparedGraph.Of(GraphFile.Read(ModelPath));
        return (prepared.Fingerprint, prepared.WeightsSha256);
    }

    /// <summary>Rewrites the cache file's entry with another (well-formed) digest, to see whether a read uses it.</summary>
    private const string PlantedSha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private void PlantDigest()
    {
        var entry = JsonNode.Parse(File.ReadAllText(CachePath))!;
        entry["weightsSha256"] = PlantedSha256;
        File.WriteAllText(CachePath, entry.ToJsonString());
    }

    [Fact]
    public void Values_are_computed_and_stored_once_and_read_back_while_the_file_is_unchanged()
    {
        GraphFile.Write(Graph(1), ModelPath);
        var computed = Computed();

        Assert.Equal(computed, Cached());
        Assert.True(File.Exists(CachePath));
        Assert.Equal(computed, Cached());

        // A second start takes the stored values as they are (the file itself is not read for them).
        PlantDigest();
        Assert.Equal((computed.Fingerprint, PlantedSha256), Cached());
        Assert.Equal(computed, Computed());
    }

    [Fact]
    public void A_touched_or_changed_model_file_gets_its_values_computed_again()
    {
        GraphFile.Write(Graph(1), ModelPath);
        var first = Cached();
        PlantDigest();

        File.SetLastWriteTimeUtc(ModelPath, File.GetLastWriteTimeUtc(ModelPath).AddTicks(1));
        Assert.Equal(first, Cached());

        // Other weights of the same length, as a reinstall writes them: a new file with a new time.
        File.Delete(ModelPath);
        GraphFile.Write(Graph(3), ModelPath);
        var changed = Computed();
        Assert.NotEqual(first.Sha256, changed.Sha256);
        Assert.NotEqual(first.Fingerprint, changed.Fingerprint);
        Assert.Equal(changed, Cached());
    }

    [Fact]
    public void An_entry_for_another_file_at_the_same_place_is_not_used()
    {
        GraphFile.Write(Graph(1), ModelPath);
        var first = Cached();
        string copy = _folder["copy.ddm"];
        File.Copy(ModelPath, copy);
        File.SetLastWriteTimeUtc(copy, File.GetLastWriteTimeUtc(ModelPath));
        PlantDigest();

        // Same length and time, but another path: the entry is not for it.
        var prepared = PreparedGraph.Of(GraphFile.Read(copy, CachePath));
        Assert.Equal(first, (prepared.Fingerprint, prepared.WeightsSha256));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"format\": 1}")]
    [InlineData("")]
    public void A_corrupt_cache_file_is_ignored_and_replaced(string content)
    {
        GraphFile.Write(Graph(1), ModelPath);
        var computed = Computed();
        File.WriteAllText(CachePath, content);

        Assert.Equal(computed, Cached());
        PlantDigest();
        Assert.Equal((computed.Fingerprint, PlantedSha256), Cached());
    }

    [Fact]
    public void Malformed_values_and_an_oversized_file_are_not_trusted()
    {
        GraphFile.Write(Graph(1), ModelPath);
        var computed = Cached();
        var entry = JsonNode.Parse(File.ReadAllText(CachePath))!;

        entry["weightsSha256"] = "not a digest";
        File.WriteAllText(CachePath, entry.ToJsonString());
        Assert.Equal(computed, Cached());

        entry["weightsSha256"] = PlantedSha256;
        entry["fingerprint"] = "many weights";
        File.WriteAllText(CachePath, entry.ToJsonString());
        Assert.Equal(computed, Cached());

        // A valid entry padded past the size limit: not read at all.
        entry["fingerprint"] = computed.Fingerprint;
        File.WriteAllText(CachePath, entry.ToJsonString() + new string(' ', 8192));
        Assert.Equal(computed, Cached());
    }

    [Fact]
    public void An_unwritable_cache_location_still_gives_the_computed_values()
    {
        GraphFile.Write(Graph(1), ModelPath);
        var computed = Computed();

        // /sys refuses new files to every user (root included), as a read-only store does.
        var prepared = PreparedGraph.Of(GraphFile.Read(ModelPath, "/sys/" + WeightsSummaryCache.FileName));

        Assert.Equal(computed, (prepared.Fingerprint, prepared.WeightsSha256));
        Assert.False(File.Exists("/sys/" + WeightsSummaryCache.FileName));
    }
}
