using System.Reflection;

namespace DeepDream;

/// <summary>This build's version, as outputs record it and <c>dream --version</c> shows it.</summary>
public static class ProgramVersion
{
    /// <summary>The informational version, e.g. "0.1.0+1a2b3c4…" (the commit after '+') or a packed "0.1.0.60354385".</summary>
    public static string Text { get; } =
        typeof(ProgramVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
