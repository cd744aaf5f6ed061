using System.Text;
using System.Text.RegularExpressions;

namespace DeepDream.Batch;

/// <summary>
/// A path pattern with <c>*</c> (any characters within one folder level), <c>?</c> (one character) and
/// <c>**</c> (any number of folder levels), such as <c>photos/**/*.jpg</c>. It is split into the fixed folder before
/// the first wildcard, which is walked, and the rest, which is matched against paths relative to that folder.
/// </summary>
/// <remarks>
/// Own matcher rather than Microsoft.Extensions.FileSystemGlobbing: that library follows symbolic links to folders,
/// so one link loop multiplies the matches until the system's path limit.
/// </remarks>
internal sealed class GlobPattern
{
    private static readonly char[] Wildcards = ['*', '?'];
    private static readonly char[] Separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    private readonly Regex _relativePathRegex;

    private GlobPattern(string baseFolder, int maxDepth, Regex relativePathRegex)
    {
        BaseFolder = baseFolder;
        MaxDepth = maxDepth;
        _relativePathRegex = relativePathRegex;
    }

    /// <summary>Absolute path of the folder before the first wildcard; matches are relative to it.</summary>
    public string BaseFolder { get; }

    /// <summary>How many folder levels below <see cref="BaseFolder"/> a match can lie.</summary>
    public int MaxDepth { get; }

    public static bool HasWildcards(string spec) => spec.IndexOfAny(Wildcards) >= 0;

    public static GlobPattern Parse(string spec, string workingDirectory)
    {
        string[] segments = spec.Split(Separators);
        int firstWildcard = Array.FindIndex(segments, HasWildcards);
        // The trailing '/' keeps "/*.jpg" rooted at "/" once the empty segment before it is joined.
        string baseText = firstWildcard == 0 ? "." : string.Join('/', segments[..firstWildcard]) + '/';
        string baseFolder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(baseText, workingDirectory));
        string[] patternSegments = segments[firstWildcard..].Where(segment => segment.Length > 0).ToArray();

        var regex = new StringBuilder("^");
        for (int i = 0; i < patternSegments.Length; i++)
        {
            bool last = i == patternSegments.Length - 1;
            if (patternSegments[i] == "**")
            {
                // A trailing ** takes every file below; elsewhere it stands for zero or more folders.
                regex.Append(last ? ".*" : "(?:[^/]+/)*");
                continue;
            }
            foreach (char c in patternSegments[i])
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
            if (!last)
            {
                regex.Append('/');
            }
        }
        regex.Append('$');

        int maxDepth = patternSegments.Contains("**") ? int.MaxValue : patternSegments.Length - 1;
        // Non-backtracking: a pattern like *a*a*a*b must not take exponential time on a long file name.
        var compiled = new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        return new GlobPattern(baseFolder, maxDepth, compiled);
    }

    /// <summary>Whether a path relative to <see cref="BaseFolder"/>, with '/' separators, matches.</summary>
    public bool IsMatch(string relativePath) => _relativePathRegex.IsMatch(relativePath);
}
