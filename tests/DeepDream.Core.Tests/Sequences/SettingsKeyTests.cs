using System.Text.Json;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Sequences;

namespace DeepDream.Tests.Sequences;

public sealed class SettingsKeyTests
{
    private static readonly DreamSettings Settings = new() { Layers = [new LayerObjective("conv2")], Steps = 5 };

    [Fact]
    public void The_same_settings_give_the_same_key_and_every_part_changes_it()
    {
        var guide = new RgbImage(1, 1, [1, 2, 3]);
        string key = SettingsKey.Create("tiny", Settings, guide, ("format", ".png"));
        Assert.Equal(key, SettingsKey.Create("tiny", Settings with { }, new RgbImage(1, 1, [1, 2, 3]), ("format", ".png")));

        string[] others =
        [
            SettingsKey.Create("googlenet", Settings, guide, ("format", ".png")),
            SettingsKey.Create("tiny", Settings with { Seed = 1 }, guide, ("format", ".png")),
            SettingsKey.Create("tiny", Settings with { Layers = [new LayerObjective("conv2", 0.5f)] }, guide, ("format", ".png")),
            SettingsKey.Create("tiny", Settings, new RgbImage(1, 1, [1, 2, 4]), ("format", ".png")),
            SettingsKey.Create("tiny", Settings, null, ("format", ".png")),
            SettingsKey.Create("tiny", Settings, guide, ("format", ".jpg")),
            SettingsKey.Create("tiny", Settings, guide),
        ];
        Assert.DoesNotContain(key, others);
        Assert.Equal(others.Length, others.Distinct().Count());
    }

    [Fact]
    public void The_key_is_one_line_of_json_with_every_setting()
    {
        string key = SettingsKey.Create("tiny", Settings, null, ("quality", "92"));
        Assert.DoesNotContain('\n', key);
        using var json = JsonDocument.Parse(key);
        Assert.Equal("tiny", json.RootElement.GetProperty("model").GetString());
        Assert.Equal(5, json.RootElement.GetProperty("settings").GetProperty("steps").GetInt32());
        Assert.Equal(32, json.RootElement.GetProperty("settings").GetProperty("jitter").GetInt32());
        Assert.Equal("92", json.RootElement.GetProperty("quality").GetString());
    }

    [Fact]
    public void The_digest_sees_size_pixels_and_alpha()
    {
        string digest = SettingsKey.Digest(new RgbImage(2, 1, [1, 2, 3, 4, 5, 6]));
        Assert.Equal(digest, SettingsKey.Digest(new RgbImage(2, 1, [1, 2, 3, 4, 5, 6])));
        Assert.NotEqual(digest, SettingsKey.Digest(new RgbImage(1, 2, [1, 2, 3, 4, 5, 6])));
        Assert.NotEqual(digest, SettingsKey.Digest(new RgbImage(2, 1, [1, 2, 3, 4, 5, 7])));
        Assert.NotEqual(digest, SettingsKey.Digest(new RgbImage(2, 1, [1, 2, 3, 4, 5, 6], [255, 0])));
        Assert.Matches("^[0-9a-f]{64}$", digest);
    }
}
