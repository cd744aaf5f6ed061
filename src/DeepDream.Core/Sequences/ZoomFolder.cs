using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.IO;

namespace DeepDream.Sequences;

/// <summary>
/// A zoom's output folder: numbered frames plus <c>zoom.json</c>, which holds the hash of the start image and
/// settings the frames were made from, so a re-run continues only a sequence it would itself have made.
/// </summary>
internal sealed partial class ZoomFolder
{
    public const string StateFileName = "zoom.json";

    /// <summary>zoom.json is ours and small; anything much larger is not one.</summary>
    private const long MaxStateBytes = 1 << 20;

    private ZoomFolder(string path) => Path = path;

    /// <summary>Absolute path of the folder.</summary>
    public string Path { get; }

    private string StatePath => System.IO.Path.Combine(Path, StateFileName);

    /// <summary>
    /// Creates the folder or checks that what it holds was made from the same start image and settings, and records
    /// them for the next run. With <paramref name="restart"/>, earlier frames and state are deleted first.
    /// </summary>
    /// <param name="startDigest">The start image's <see cref="SettingsKey.Digest"/>.</param>
    /// <param name="settingsKey">The canonical settings key (JSON).</param>
    /// <exception cref="DreamSettingsException">The folder holds another sequence, or frames without a zoom.json.</exception>
    /// <exception cref="DreamOutputException">The path, or a folder above it, is a file.</exception>
    public static ZoomFolder Prepare(string folder, string startDigest, string settingsKey, bool restart)
    {
        string full = System.IO.Path.GetFullPath(folder);
        OutputPaths.CheckOutputFolder(full);
        Directory.CreateDirectory(full);
        // Frames and state are written atomically; a run killed mid-write leaves a hidden temporary file.
        AtomicFile.DeleteLeftovers(full);
        var zoom = new ZoomFolder(full);
        if (restart) zoom.Clear();

        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{startDigest}\n{settingsKey}")));
        var current = new JsonObject { ["settingsHash"] = hash, ["input"] = startDigest };
        foreach (var (name, value) in JsonNode.Parse(settingsKey)!.AsObject()) current.Add(name, value?.DeepClone());

        var stored = zoom.ReadState();
        if (stored is null)
        {
            if (zoom.FrameFiles().Any())
                throw Mismatch(full, $"holds frame files but no {StateFileName}; choose another folder, or restart the zoom to replace them");
            AtomicFile.Write(zoom.StatePath, stream => stream.Write(Encoding.UTF8.GetBytes(current.ToJsonString() + "\n")));
        }
        else if (!(stored["settingsHash"] is JsonValue storedHash && storedHash.TryGetValue(out string? text) && text == hash))
        {
            throw Mismatch(full,
                $"holds a zoom made differently (changed: {Differences(stored, current)}); choose another folder, or restart the zoom to discard its frames");
        }
        return zoom;
    }

    /// <summary><c>frame_00042.png</c>: five digits suffice for <see cref="ZoomPlan.MaxFrames"/>.</summary>
    public static string FrameFileName(int index) => $"frame_{index:D5}.png";

    public string FramePath(int index) => System.IO.Path.Combine(Path, FrameFileName(index));

    /// <summary>How many frames exist without a gap from frame 0.</summary>
    public int CountFrames()
    {
        int count = 0;
        while (count < ZoomPlan.MaxFrames && File.Exists(FramePath(count))) count++;
        return count;
    }

    /// <summary>The frame decoded, or null when it cannot be (damaged since it was written).</summary>
    public RgbImage? TryReadFrame(int index)
    {
        try
        {
            return ImageFile.Read(FramePath(index), ImageReadOptions.Default);
        }
        catch (DreamInputException)
        {
            return null;
        }
    }

    private IEnumerable<string> FrameFiles() =>
        Directory.EnumerateFiles(Path, "frame_*.png").Where(file => FrameNameRegex().IsMatch(System.IO.Path.GetFileName(file)));

    private void Clear()
    {
        foreach (string frame in FrameFiles().ToList()) File.Delete(frame);
        File.Delete(StatePath);
    }

    /// <exception cref="DreamSettingsException">zoom.json exists but is not a JSON object of sensible size.</exception>
    private JsonObject? ReadState()
    {
        if (!File.Exists(StatePath)) return null;
        const string Advice = "choose another folder, or restart the zoom to replace it";
        try
        {
            using var file = RegularFile.Open(StatePath, MaxStateBytes, "a zoom state file", message => Mismatch(Path, $"{message}; {Advice}"));
            if (JsonNode.Parse(file.ReadAllText(Encoding.UTF8)) is JsonObject state) return state;
        }
        catch (JsonException)
        {
        }
        throw Mismatch(Path, $"its {StateFileName} is not a zoom state file; {Advice}");
    }

    private static DreamSettingsException Mismatch(string folder, string problem) =>
        new(nameof(ZoomPlan.Folder), folder, problem);

    /// <summary>Names what differs between two states, e.g. "start image" or "steps, zoom", for the mismatch message.</summary>
    private static string Differences(JsonObject stored, JsonObject current)
    {
        var before = Leaves(stored);
        var names = Leaves(current)
            .Where(leaf => !before.TryGetValue(leaf.Key, out var old) || !JsonNode.DeepEquals(old, leaf.Value))
            .Select(leaf => leaf.Key == "input" ? "start image" : leaf.Key)
            .ToList();
        return names.Count > 0 ? string.Join(", ", names) : "settings";
    }

    /// <summary>The state's comparable values: the top level and the dream settings, by name.</summary>
    private static Dictionary<string, JsonNode?> Leaves(JsonObject state)
    {
        var leaves = new Dictionary<string, JsonNode?>();
        var settings = state["settings"] as JsonObject ?? [];
        foreach (var (name, value) in state.Concat(settings).Where(pair => pair.Key is not ("settingsHash" or "settings")))
            leaves[name] = value;
        return leaves;
    }

    [GeneratedRegex(@"^frame_\d{5}\.png$")]
    private static partial Regex FrameNameRegex();
}
