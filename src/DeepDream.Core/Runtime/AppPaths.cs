namespace DeepDream.Runtime;

/// <summary>Where DeepDream keeps its cache: models, converted weights and patched native libraries.</summary>
public static class AppPaths
{
    /// <summary>Environment variable that overrides the cache root.</summary>
    public const string HomeVariable = "DEEPDREAM_HOME";

    /// <summary><c>$DEEPDREAM_HOME</c>, else <c>$XDG_CACHE_HOME/deepdream</c>, else <c>~/.cache/deepdream</c>.</summary>
    public static string Home
    {
        get
        {
            var explicitHome = Environment.GetEnvironmentVariable(HomeVariable);
            if (!string.IsNullOrWhiteSpace(explicitHome)) return Path.GetFullPath(explicitHome);
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "deepdream");
            var profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(profile)) profile = Path.GetTempPath();
            return Path.Combine(profile, ".cache", "deepdream");
        }
    }
}
