using DeepDream.Video;

namespace DeepDream.Tests.Video;

public sealed class OpenCvRuntimeTests
{
    [Fact]
    public void A_missing_system_library_is_named_with_the_package_that_has_it()
    {
        const string loader = "Unable to load shared library 'OpenCvSharpExtern' or one of its dependencies. In order to help diagnose " +
            "loading problems, consider using a tool like strace.\n/app/runtimes/linux-x64/native/OpenCvSharpExtern.so: cannot open shared object file: No such file or directory\n" +
            "/app/runtimes/linux-x64/native/libOpenCvSharpExtern.so: libgtk-3.so.0: cannot open shared object file: No such file or directory";

        Assert.Equal("optical flow: OpenCV's native library needs libgtk-3.so.0, which is not installed (on Debian or Ubuntu: " +
            "apt-get install libgtk-3-0); install it, or steady the video by blending instead", OpenCvRuntime.Explain(loader));
    }

    [Fact]
    public void Without_the_library_itself_the_platform_is_named() =>
        Assert.StartsWith("optical flow: OpenCV's native library is not available for ",
            OpenCvRuntime.Explain("Unable to load shared library 'OpenCvSharpExtern' or one of its dependencies.\nlibOpenCvSharpExtern.so: cannot open shared object file: No such file or directory"));

    [Fact]
    public void On_this_machine_the_library_loads() => FlowCoherence.CheckAvailable();
}
