namespace DeepDream.Tests.Sequences;

/// <summary>Help of the batch and sequence commands: examples in their own help, one line each in the root's.</summary>
public sealed class SubcommandHelpTests
{
    [Theory]
    [InlineData("batch", "--shard", "dream batch photos/ --out dreamed/ --recursive")]
    [InlineData("zoom", "--rotate", "dream zoom photo.jpg --out zoom/")]
    [InlineData("frames", "--blend", "dream frames frames/ --out dreamed/")]
    [InlineData("video", "--no-flow", "dream video clip.mp4 -o dreamed.mp4")]
    public void Each_commands_help_ends_with_examples_and_exit_codes(string command, string option, string example)
    {
        var run = CliRun.Invoke(command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(option, run.Out);
        Assert.Contains(example, run.Out);
        Assert.Contains("\nExit codes: 0 ", run.Out);
        Assert.Single(run.Out.Split('\n'), line => line.Contains("--help"));
    }

    [Fact]
    public void The_root_help_lists_each_command_on_one_line()
    {
        string commands = CliRun.Invoke("--help").Out.Split("Commands:\n")[1];

        Assert.Matches(@"\n  zoom <image> +Make a long zoom: [^\n]+\n  frames ", commands);
        Assert.Matches(@"\n  frames <frames> +Dream a video's frames [^\n]+\n  video <clip> +Dream a video clip: [^\n]+\n", commands);
        Assert.Matches(@"^  batch <inputs> +Dream every image [^\n]+\n  zoom ", commands);
        Assert.DoesNotContain("Examples:", commands);
    }
}
