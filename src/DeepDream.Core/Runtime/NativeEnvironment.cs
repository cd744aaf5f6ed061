using System.Runtime.InteropServices;

namespace DeepDream.Runtime;

/// <summary>
/// Sets environment variables where native code reads them. On Linux and macOS .NET keeps its own copy of the
/// environment, so <see cref="Environment.SetEnvironmentVariable(string, string)"/> never reaches a native
/// library's <c>getenv</c>; libc's <c>setenv</c> does. On Windows both the process block (read by
/// <c>GetEnvironmentVariable</c>) and the C runtime's copy (read by <c>getenv</c>) are set.
/// </summary>
internal static partial class NativeEnvironment
{
    /// <summary>
    /// Sets <paramref name="name"/> to <paramref name="value"/> for native code and .NET alike, unless the user set
    /// it already (an explicit setting always wins). Returns whether it was set here. Call before the native
    /// library that reads it is loaded: most read their settings once.
    /// </summary>
    public static bool SetDefault(string name, string value)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) return false;
        Set(name, value);
        return true;
    }

    /// <summary>
    /// Sets <paramref name="name"/> to <paramref name="value"/> for native code and .NET alike, whatever it was. Where
    /// the variable exists already, libc swaps one pointer in place, so a thread reading the environment meanwhile
    /// sees the old value or the new one; adding a variable may move the whole environment (see <see cref="SetDefault"/>).
    /// </summary>
    public static void Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (OperatingSystem.IsWindows())
        {
            if (PutEnvWindows(name, value) != 0)
                throw new TorchRuntimeException($"cannot set {name} for the native runtime");
        }
        else if (SetEnvPosix(name, value, overwrite: 1) != 0)
        {
            throw new TorchRuntimeException($"cannot set {name} for the native runtime (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    /// <summary>
    /// Sets or (<paramref name="value"/> null) removes <paramref name="name"/> in libc's environment only, which a
    /// program started by <c>exec</c> inherits, leaving .NET's own copy (and so the children .NET starts) as it is.
    /// Linux and macOS; returns whether it succeeded.
    /// </summary>
    public static bool SetNativeOnly(string name, string? value) =>
        (value is null ? UnsetEnvPosix(name) : SetEnvPosix(name, value, overwrite: 1)) == 0;

    /// <summary>The value native code sees (libc's <c>getenv</c>); null when unset. For tests and diagnostics.</summary>
    public static string? GetNative(string name) =>
        OperatingSystem.IsWindows() ? Environment.GetEnvironmentVariable(name) : Marshal.PtrToStringUTF8(GetEnvPosix(name));

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnvPosix(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnsetEnvPosix(string name);

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnvPosix(string name);

    [LibraryImport("ucrtbase", EntryPoint = "_wputenv_s", StringMarshalling = StringMarshalling.Utf16)]
    private static partial int PutEnvWindows(string name, string value);
}
