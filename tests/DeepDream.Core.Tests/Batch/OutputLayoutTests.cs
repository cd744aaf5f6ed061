using DeepDream.Batch;

namespace DeepDream.Tests.Batch;

public sealed class OutputLayoutTests
{
    private const string Out = "/data/out";

    [Fact]
    public void Output_keeps_the_relative_path_and_takes_the_format_extension()
    {
        var item = new BatchItem("/data/in/sub/cat.jpeg", "sub/cat.jpeg");

        var layout = new OutputLayout(Out + "/", "png");

        Assert.Equal(Out, layout.Folder);
        Assert.Equal(".png", layout.Extension);
        Assert.Equal("sub/cat.png", layout.RelativeOutputPath(item));
        Assert.Equal("/data/out/sub/cat.png", layout.OutputPath(item));
        Assert.Equal("/data/out/sub/cat.jpg", new OutputLayout(Out, ".jpg").OutputPath(item));
    }

    [Fact]
    public void Without_a_format_each_output_keeps_its_input_extension()
    {
        var layout = new OutputLayout(Out, null);

        Assert.Null(layout.Extension);
        Assert.Equal("sub/cat.jpeg", layout.RelativeOutputPath(new BatchItem("/data/in/sub/cat.jpeg", "sub/cat.jpeg")));
    }

    [Theory]
    [InlineData("p/ng")]
    [InlineData("..")]
    [InlineData("png ")]
    public void An_extension_that_is_not_letters_and_digits_is_refused(string extension)
    {
        Assert.Throws<ArgumentException>(() => new OutputLayout(Out, extension));
    }

    [Fact]
    public void Two_inputs_with_one_output_are_refused_naming_both()
    {
        BatchItem[] items = [new("/data/in/cat.jpg", "cat.jpg"), new("/data/in/cat.png", "cat.png")];

        var error = Assert.Throws<BatchInputException>(() => new OutputLayout(Out, "png").CheckOutputs(items));

        Assert.Equal("/data/in/cat.jpg and /data/in/cat.png would both be written to /data/out/cat.png", error.Message);
        new OutputLayout(Out, null).CheckOutputs(items);
    }

    [Fact]
    public void An_output_that_would_overwrite_an_input_is_refused()
    {
        BatchItem[] items = [new("/data/in/cat.jpg", "cat.jpg"), new("/data/in/dog.png", "dog.png")];

        var error = Assert.Throws<BatchInputException>(() => new OutputLayout("/data/in", "png").CheckOutputs(items));

        Assert.Equal(
            "/data/in/dog.png: its output /data/in/dog.png would overwrite an input; choose another output folder",
            error.Message);
    }

    [Fact]
    public void An_output_outside_the_output_folder_is_refused()
    {
        BatchItem[] items = [new("/data/evil.jpg", "../evil.jpg")];

        var error = Assert.Throws<BatchInputException>(() => new OutputLayout(Out, "png").CheckOutputs(items));

        Assert.Equal("/data/evil.jpg: its output /data/evil.png would lie outside /data/out", error.Message);
    }
}
