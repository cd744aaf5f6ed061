using System.Text.RegularExpressions;
using DeepDream.Imaging;

namespace DeepDream.Batch;

/// <summary>
/// Where each item's output goes: its relative path kept under the output folder, with the extension replaced by
/// the output format's (or kept).
/// </summary>
public sealed partial class OutputLayout
{
    /// <param name="folder">The output folder (<c>--out</c>); made absolute against the current directory.</param>
    /// <param name="extension">
    /// The output format's extension, with or without the dot (<c>png</c>, <c>.jpg</c>); null or empty keeps each
    /// input's own extension.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="extension"/> is not letters and digits.</exception>
    public OutputLayout(string folder, string? extension)
    {
        Folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!string.IsNullOrEmpty(extension))
        {
            string bare = extension.TrimStart('.');
            if (!ExtensionRegex().IsMatch(bare))
            {
                throw new ArgumentException($"'{extension}' is not a file extension", nameof(extension));
            }
            Extension = "." + bare;
        }
    }

    /// <summary>Absolute path of the output folder.</summary>
    public string Folder { get; }

    /// <summary>The extension outputs get, with its dot; null when each output keeps its input's extension.</summary>
    public string? Extension { get; }

    /// <summary>The output's path relative to <see cref="Folder"/>, with '/' separators.</summary>
    public string RelativeOutputPath(BatchItem item) =>
        Extension is null ? item.RelativePath : Path.ChangeExtension(item.RelativePath, Extension);

    /// <summary>Absolute path of the item's output.</summary>
    public string OutputPath(BatchItem item) => Path.GetFullPath(Path.Combine(Folder, RelativeOutputPath(item)));

    /// <summary>
    /// Checks that every item's output lies inside <see cref="Folder"/>, that no two items share an output (as
    /// <c>cat.jpg</c> and <c>cat.png</c> would when both become PNG), and that no output would overwrite an input.
    /// </summary>
    /// <exception cref="BatchInputException">One of those would happen.</exception>
    public void CheckOutputs(IReadOnlyList<BatchItem> items)
    {
        var inputs = items.Select(item => item.SourcePath).ToHashSet(StringComparer.Ordinal);
        var owners = new Dictionary<string, BatchItem>(StringComparer.Ordinal);
        foreach (BatchItem item in items)
        {
            string output = OutputPath(item);
            if (!OutputPaths.IsInside(output, Folder))
            {
                throw new BatchInputException($"{item.SourcePath}: its output {output} would lie outside {Folder}");
            }
            if (inputs.Contains(output))
            {
                throw new BatchInputException(
                    $"{item.SourcePath}: its output {output} would overwrite an input; choose another output folder");
            }
            if (!owners.TryAdd(output, item))
            {
                throw new BatchInputException(
                    $"{owners[output].SourcePath} and {item.SourcePath} would both be written to {output}");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex ExtensionRegex();
}
