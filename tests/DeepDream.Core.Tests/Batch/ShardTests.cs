using DeepDream.Batch;

namespace DeepDream.Tests.Batch;

public sealed class ShardTests
{
    [Fact]
    public void Parse_reads_one_based_k_of_n()
    {
        Shard shard = Shard.Parse("2/4");

        Assert.Equal(2, shard.Index);
        Assert.Equal(4, shard.Count);
        Assert.Equal("2/4", shard.ToString());
        Assert.Equal(Shard.Parse("1/1"), Shard.All);
    }

    [Theory]
    [InlineData("0/4", "--shard '0/4': k must be between 1 and N (shards are numbered from 1)")]
    [InlineData("5/4", "--shard '5/4': k must be between 1 and N (shards are numbered from 1)")]
    [InlineData("1/0", "--shard '1/0': k must be between 1 and N (shards are numbered from 1)")]
    [InlineData("2", "--shard '2': expected k/N, such as 2/4 for the second of four shards")]
    [InlineData("1/2/3", "--shard '1/2/3': expected k/N, such as 2/4 for the second of four shards")]
    [InlineData("-1/4", "--shard '-1/4': expected k/N, such as 2/4 for the second of four shards")]
    [InlineData(" 1/4", "--shard ' 1/4': expected k/N, such as 2/4 for the second of four shards")]
    [InlineData("a/b", "--shard 'a/b': expected k/N, such as 2/4 for the second of four shards")]
    public void Parse_refuses_anything_else_with_a_message_naming_the_option(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<BatchOptionException>(() => Shard.Parse(text)).Message);
    }

    [Theory]
    [InlineData("", 0xcbf29ce484222325)]
    [InlineData("a", 0xaf63dc4c8601ec8c)]
    [InlineData("foobar", 0x85944171f73967e8)]
    public void Hash_is_64_bit_fnv_1a(string text, ulong expected)
    {
        Assert.Equal(expected, Shard.Fnv1a64(text));
    }

    [Theory]
    [InlineData("photos/cat.jpg", 3)]
    [InlineData("photos/dog.jpg", 1)]
    [InlineData("sub/c.jpg", 3)]
    [InlineData("a.jpg", 2)]
    public void Assignment_is_fixed_by_the_relative_path_alone(string relativePath, int expectedShardOfFour)
    {
        // Worked out independently from the FNV-1a spec; a different machine or source folder must not change it.
        foreach (string source in new[] { "/data/" + relativePath, "/elsewhere/x/" + relativePath })
        {
            var item = new BatchItem(source, relativePath);
            Assert.Equal(
                [expectedShardOfFour],
                Enumerable.Range(1, 4).Where(k => Shard.Parse($"{k}/4").Contains(item)).ToArray());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    public void Shards_partition_the_items(int count)
    {
        List<BatchItem> items = FakeItems(0, 500);
        Shard[] shards = Enumerable.Range(1, count).Select(k => Shard.Parse($"{k}/{count}")).ToArray();

        List<BatchItem>[] parts = shards.Select(shard => items.Where(shard.Contains).ToList()).ToArray();

        Assert.All(items, item => Assert.Single(shards, shard => shard.Contains(item)));
        Assert.Equal(items.Order(ItemOrder), parts.SelectMany(part => part).Order(ItemOrder));
        // Roughly even: each within 30 % of its fair share.
        Assert.All(parts, part => Assert.InRange(part.Count, 0.7 * 500 / count, 1.3 * 500 / count));
    }

    [Fact]
    public void Adding_files_does_not_move_existing_files_between_shards()
    {
        List<BatchItem> before = FakeItems(0, 500);
        List<BatchItem> after = [.. FakeItems(500, 200), .. before.AsEnumerable().Reverse()];

        foreach (Shard shard in Enumerable.Range(1, 4).Select(k => Shard.Parse($"{k}/4")))
        {
            HashSet<BatchItem> partAfter = after.Where(shard.Contains).ToHashSet();
            Assert.Equal(before.Where(shard.Contains), before.Where(partAfter.Contains));
        }
    }

    private static readonly Comparer<BatchItem> ItemOrder =
        Comparer<BatchItem>.Create((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));

    private static List<BatchItem> FakeItems(int first, int count) =>
        Enumerable.Range(first, count)
            .Select(i => $"set{i % 7}/trip {i / 7}/IMG_{i:D4}.jpg")
            .Select(relative => new BatchItem("/photos/" + relative, relative))
            .ToList();
}
