using DeepDream.Batch;

namespace DeepDream.Tests.Batch;

public sealed class SettingsHashTests : IDisposable
{
    private static readonly DateTime Written = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private readonly TempFolder _temp = new();
    private readonly string _input;

    public SettingsHashTests()
    {
        _input = _temp.Write("in.jpg", "hello");
        File.SetLastWriteTimeUtc(_input, Written);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Hash_is_sha256_of_settings_size_and_write_time()
    {
        // sha256("steps=10;octaves=4\n5\n638397614450000000"), worked out outside .NET.
        Assert.Equal(
            "1ffad46f8327923dace691b23d24c1753be5b1d5159c0c57cdcf74029343a6cd",
            SettingsHash.Compute("steps=10;octaves=4", _input));
    }

    [Fact]
    public void Changed_settings_or_a_touched_or_rewritten_input_change_the_hash()
    {
        string original = SettingsHash.Compute("steps=10", _input);

        Assert.Equal(original, SettingsHash.Compute("steps=10", _input));
        Assert.NotEqual(original, SettingsHash.Compute("steps=11", _input));

        File.SetLastWriteTimeUtc(_input, Written.AddSeconds(1));
        Assert.NotEqual(original, SettingsHash.Compute("steps=10", _input));

        File.WriteAllText(_input, "hello, world");
        File.SetLastWriteTimeUtc(_input, Written);
        Assert.NotEqual(original, SettingsHash.Compute("steps=10", _input));
    }

    [Fact]
    public void A_missing_input_is_an_io_error()
    {
        Assert.Throws<FileNotFoundException>(() => SettingsHash.Compute("steps=10", _temp["gone.jpg"]));
    }
}
