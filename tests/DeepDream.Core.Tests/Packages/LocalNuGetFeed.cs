namespace DeepDream.Tests.Packages;

/// <summary>
/// A local folder feed and the NuGet.Config that names it (and nothing else) as the only package source, with its own
/// global packages folder, all inside a test's temporary folder: package installs under test never touch the
/// machine's NuGet configuration or cache.
/// </summary>
internal static class LocalNuGetFeed
{
    /// <summary>Creates <paramref name="feed"/> and <paramref name="configFolder"/> and writes NuGet.Config there.</summary>
    public static void Create(string feed, string configFolder, string globalPackages)
    {
        Directory.CreateDirectory(feed);
        Directory.CreateDirectory(configFolder);
        File.WriteAllText(Path.Combine(configFolder, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="test-feed" value="{Path.GetFullPath(feed)}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{globalPackages}" />
              </config>
            </configuration>
            """);
    }
}
