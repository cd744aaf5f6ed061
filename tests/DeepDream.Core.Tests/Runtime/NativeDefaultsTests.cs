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
    public void Native_code_sees_the_onednn_instruction_set_cap_on_x64_without_avx512()
    {
        string? value = NativeEnvironment.GetNative(NativeDefaults.OneDnnIsaVariable);
        // AVX2 on x86-64 CPUs without AVX-512 (or whose AVX-512 .NET does not report), unless whoever runs the tests
        // chose another cap themselves; nothing is set on AVX-512 CPUs (ConvolutionRoute keeps them right) or on
        // other architectures.
        Assert.Equal(Environment.GetEnvironmentVariable(NativeDefaults.OneDnnIsaVariable), value);
        if (RuntimeInformation.ProcessArchitecture == Architecture.X64 && !Avx512F.IsSupported) Assert.False(string.IsNullOrEmpty(value));
        Assert.Equal(Avx512F.IsSupported && string.IsNullOrEmpty(value), OneDnnIsa.MayUseAvx512 && string.IsNullOrEmpty(value));
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
