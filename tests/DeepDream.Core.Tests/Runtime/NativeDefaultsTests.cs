using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using DeepDream.Runtime;

namespace DeepDream.Tests.Runtime;

/// <summary>The settings DeepDream gives libtorch reach native code's getenv, and a user's own setting wins.</summary>
public sealed class NativeDefaultsTests
{
    public NativeDefaultsTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Native_code_sees_the_log_level()
    {
        string expected = Environment.GetEnvironmentVariable(NativeDefaults.LogLevelVariable)!;
        Assert.False(string.IsNullOrEmpty(expected));
        Assert.Equal(expected, NativeEnvironment.GetNative(NativeDefaults.LogLevelVariable));
    }

    [Fact]
    public void Native_code_sees_the_onednn_instruction_set_cap_on_x64()
    {
        string? value = NativeEnvironment.GetNative(NativeDefaults.OneDnnIsaVariable);
        // AVX2 on x86-64 unless whoever runs the tests chose another cap themselves (CI runs the convolution tests
        // once more uncapped); nothing on other architectures.
        Assert.Equal(Environment.GetEnvironmentVariable(NativeDefaults.OneDnnIsaVariable), value);
        if (RuntimeInformation.ProcessArchitecture == Architecture.X64 && Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA") is null)
        {
            Assert.False(string.IsNullOrEmpty(value));
            // The route around the faulty AVX-512 kernels is on exactly where oneDNN may use them: never under the
            // default cap, and on AVX-512 CPUs when the cap is lifted to an AVX-512 level (as CI's second run does).
            if (value == "AVX2") Assert.False(OneDnnIsa.MayUseAvx512);
            if (value!.StartsWith("AVX512", StringComparison.OrdinalIgnoreCase)) Assert.Equal(Avx512F.IsSupported, OneDnnIsa.MayUseAvx512);
        }
    }

    [Fact]
    public void A_value_the_user_set_is_kept()
    {
        const string name = "DEEPDREAM_TEST_NATIVE_DEFAULT";
        Assert.True(NativeEnvironment.SetDefault(name, "first"));
        Assert.False(NativeEnvironment.SetDefault(name, "second"));
        Assert.Equal("first", NativeEnvironment.GetNative(name));
        Assert.Equal("first", Environment.GetEnvironmentVariable(name));
    }
}
