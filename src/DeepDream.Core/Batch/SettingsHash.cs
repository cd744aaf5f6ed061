using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DeepDream.Batch;

/// <summary>
/// Identifies "this input, made with these settings", so a resumed batch can tell finished work from work that
/// must be redone.
/// </summary>
public static class SettingsHash
{
    /// <summary>
    /// SHA-256 (lower-case hex) over the caller's canonical settings string plus the input file's size and last-write
    /// time, so changing a setting or replacing or touching the input makes the item be redone.
    /// </summary>
    /// <param name="settingsKey">
    /// Canonical text of every setting that affects the output, built by the caller: the same settings must always
    /// give the same text (fixed order, invariant-culture numbers, resolved defaults), and any change that alters
    /// the output image or its format must change it.
    /// </param>
    /// <param name="inputPath">The input file.</param>
    /// <exception cref="IOException">The input file cannot be found or read.</exception>
    public static string Compute(string settingsKey, string inputPath)
    {
        var input = new FileInfo(inputPath);
        string canonical = string.Create(
            CultureInfo.InvariantCulture, $"{settingsKey}\n{input.Length}\n{input.LastWriteTimeUtc.Ticks}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
