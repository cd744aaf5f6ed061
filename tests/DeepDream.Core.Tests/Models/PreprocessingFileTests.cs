using DeepDream.Models;

namespace DeepDream.Tests.Models;

public sealed class PreprocessingFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Sidecar_sits_beside_a_file_or_a_folder()
    {
        Assert.Equal(Path.Combine(_folder, "net.preprocess.json"), PreprocessingFile.SidecarPath(Path.Combine(_folder, "net.onnx")));
        Assert.Equal(Path.Combine(_folder, "tfjs.preprocess.json"), PreprocessingFile.SidecarPath(Path.Combine(_folder, "tfjs") + "/"));
        Assert.Null(PreprocessingFile.ReadBeside(Path.Combine(_folder, "net.onnx")));
    }

    [Fact]
    public void Reads_order_scale_mean_and_std()
    {
        File.WriteAllText(Path.Combine(_folder, "net.preprocess.json"), """{"order": "bgr", "scale": 1, "mean": [104, 117, 123], "std": [1, 1, 1]}""");

        var preprocessing = PreprocessingFile.ReadBeside(Path.Combine(_folder, "net.onnx"))!;

        Assert.Equal(Preprocessing.CaffeBgr.ToString(), preprocessing.ToString());
    }

    [Theory]
    [InlineData("""{"order": "rgb", "scale": 0, "mean": [0, 0, 0], "std": [1, 1, 1]}""", "scale must be a positive number")]
    [InlineData("""{"order": "rgb", "scale": 1, "mean": [0, 0], "std": [1, 1, 1]}""", "mean must be three numbers")]
    [InlineData("""{"order": "rgb", "scale": 1, "mean": [0, 0, 0]}""", "std must be three positive numbers")]
    [InlineData("""{"order": "cmyk", "scale": 1}""", "not a preprocessing file")]
    public void Refuses_unusable_values(string json, string problem)
    {
        var path = Path.Combine(_folder, "net.preprocess.json");
        File.WriteAllText(path, json);

        var message = Assert.Throws<ModelFormatException>(() => PreprocessingFile.Read(path)).Message;

        Assert.StartsWith($"{path}: ", message);
        Assert.Contains(problem, message);
    }
}
