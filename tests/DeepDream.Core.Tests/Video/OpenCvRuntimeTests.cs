using DeepDream.Video;

namespace DeepDream.Tests.Video;

public sealed class OpenCvRuntimeTests : IDisposable
{
    private const string Installed = "/home/u/.cache/deepdream/native/opencv/x/libOpenCvSharpExtern.so";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_missing_system_library_is_named_with_the_package_that_has_it()
    {
        const string loader = "Unable to load shared library '" + Installed + "' or one of its dependencies. In order to help diagnose " +
            "loading problems, consider using a tool like strace.\n" + Installed + ": libgtk-3.so.0: cannot open shared object file: No such file or directory";

        Assert.Equal("optical flow: OpenCV's native library needs libgtk-3.so.0, which is not installed (on Debian or Ubuntu: " +
            "apt-get install libgtk-3-0); install it, or steady the video by blending instead", OpenCvRuntime.Explain(Installed, loader));
    }

    [Fact]
    public void A_library_that_is_not_one_is_refused_with_the_loaders_reason()
    {
        string library = _temp.Write("libOpenCvSharpExtern.so", "not an ELF file, but long enough to be read as one by the loader");

        var error = Assert.Throws<FlowUnavailableException>(() => OpenCvRuntime.Load(library));

        Assert.StartsWith($"optical flow: OpenCV's native library {library} does not load (", error.Message);
        Assert.Contains("invalid ELF header", error.Message);
        Assert.EndsWith("); steady the video by blending instead", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void On_this_machine_the_library_is_installed_and_loads() => FlowCoherence.CheckAvailable();
}
