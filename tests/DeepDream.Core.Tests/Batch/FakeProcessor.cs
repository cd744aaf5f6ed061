using DeepDream.Batch;
using DeepDream.Imaging;

namespace DeepDream.Tests.Batch;

/// <summary>
/// Stands in for the dream: writes "dreamed:" plus the input's text to the temporary path, and remembers what it
/// was asked to do. It can be told to fail for some inputs, or to run a hook first that may throw or block.
/// </summary>
internal sealed class FakeProcessor
{
    public List<string> Calls { get; } = [];

    public List<string> TemporaryPaths { get; } = [];

    /// <summary>Relative paths of the inputs to reject as a corrupt image.</summary>
    public HashSet<string> FailFor { get; init; } = [];

    /// <summary>Runs before the output is written.</summary>
    public Action<BatchItem, string, CancellationToken>? BeforeWriting { get; init; }

    public static string DreamedText(BatchItem item) => "dreamed:" + File.ReadAllText(item.SourcePath);

    public void Process(BatchItem item, string temporaryOutputPath, CancellationToken cancellationToken)
    {
        Calls.Add(item.RelativePath);
        TemporaryPaths.Add(temporaryOutputPath);
        BeforeWriting?.Invoke(item, temporaryOutputPath, cancellationToken);
        if (FailFor.Contains(item.RelativePath))
        {
            throw new DreamInputException($"{item.SourcePath}: not an image (unrecognised data)");
        }
        File.WriteAllText(temporaryOutputPath, DreamedText(item));
    }
}
