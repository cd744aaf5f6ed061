using System.ComponentModel;
using System.Runtime.Versioning;
using DeepDream.Runtime;

namespace DeepDream.Tests.Runtime;

[SupportedOSPlatform("linux")]
public sealed class ChildProcessTests
{
    [Fact]
    public void Output_errors_and_exit_code_come_back_and_arguments_arrive_whole()
    {
        var result = ChildProcess.Run("/bin/sh", ["-c", "printf '%s|' \"$@\"; echo 'first' >&2; echo 'last problem' >&2; exit 3", "sh", "a b", "50%", "$HOME"]);

        Assert.Equal((3, "a b|50%|$HOME|"), (result.ExitCode, result.Output));
        Assert.Equal("last problem", result.LastErrorLine);
    }

    [Fact]
    public void A_program_that_is_not_there_cannot_start() =>
        Assert.Throws<Win32Exception>(() => ChildProcess.Run("/nonexistent/program", []));

    [Fact]
    public void Cancellation_and_timeout_stop_the_program()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.ThrowsAny<OperationCanceledException>(() => ChildProcess.Run("/bin/sleep", ["30"], cancellation: cancellation.Token));
        Assert.Throws<TimeoutException>(() => ChildProcess.Run("/bin/sleep", ["30"], timeout: TimeSpan.FromMilliseconds(200)));
    }
}
