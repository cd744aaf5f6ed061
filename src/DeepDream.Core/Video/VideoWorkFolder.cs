using System.Text.Json;
using DeepDream.Imaging;

namespace DeepDream.Video;

/// <summary>
/// The work folder of one dreamed clip: <c>source/</c> (the decoded frames), <c>dreamed/</c> (the dreamed frames and
/// their manifest) and <c>video.json</c> (what was decoded, so a rerun knows whether the frames still fit). Only these
/// are ever written or removed, so a folder the user names is never emptied of anything else.
/// </summary>
internal sealed class VideoWorkFolder(string path)
{
    /// <summary>The name of the dreamed frames' folder inside the work folder.</summary>
    public const string DreamedName = "dreamed";

    private const string StateName = "video.json";
    private const string PartialName = ".source.partial";
    private static readonly string[] OwnNames = [StateName, "source", DreamedName, PartialName];

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string Source => System.IO.Path.Combine(Path, "source");

    public string Dreamed => System.IO.Path.Combine(Path, DreamedName);

    private string State => System.IO.Path.Combine(Path, StateName);

    private string Partial => System.IO.Path.Combine(Path, PartialName);

    /// <summary>Checks, before any work, that the folder can be made or is one this class made.</summary>
    /// <exception cref="DreamOutputException">A file is in its way, or it holds files of something else.</exception>
    public void Check()
    {
        OutputPaths.CheckOutputFolder(Path);
        if (!Directory.Exists(Path)) return;
        var foreign = Directory.EnumerateFileSystemEntries(Path).Select(System.IO.Path.GetFileName).FirstOrDefault(name => !OwnNames.Contains(name));
        if (foreign is not null && !File.Exists(State))
            throw new DreamOutputException($"{Path}: the work folder holds other files ({foreign}); name an empty or new one");
    }

    /// <summary>
    /// Makes sure <see cref="Source"/> holds the frames <paramref name="decoding"/> describes, calling
    /// <paramref name="decode"/> to write them into an empty folder when it does not; frames dreamed from other
    /// decoded frames are removed then. A decode cut short leaves nothing that a later run would take for finished.
    /// </summary>
    /// <returns>True when the frames were decoded now, false when an earlier run's were kept.</returns>
    public bool Prepare(VideoDecoding decoding, Action<string> decode)
    {
        string wanted = JsonSerializer.Serialize(decoding);
        if (Directory.Exists(Source) && File.Exists(State) && File.ReadAllText(State) == wanted) return false;

        Directory.CreateDirectory(Path);
        File.Delete(State);
        DeleteFolder(Source);
        DeleteFolder(Dreamed);
        DeleteFolder(Partial);
        Directory.CreateDirectory(Partial);
        decode(Partial);
        Directory.Move(Partial, Source);
        AtomicFile.Write(State, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(wanted)));
        return true;
    }

    /// <summary>Removes what this class made, then the folder itself if nothing else is left in it.</summary>
    public void Remove()
    {
        File.Delete(State);
        DeleteFolder(Source);
        DeleteFolder(Dreamed);
        DeleteFolder(Partial);
        if (Directory.Exists(Path) && !Directory.EnumerateFileSystemEntries(Path).Any()) Directory.Delete(Path);
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
