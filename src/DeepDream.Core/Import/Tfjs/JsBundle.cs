using System.Text.Json.Nodes;
using DeepDream.Models;

namespace DeepDream.Import.Tfjs;

/// <summary>
/// Reads the data out of a browserify-wrapped JavaScript module (<c>…module.exports={…}</c> or
/// <c>…h.exports="base64…"</c>) without running it: the loader code around the data is skipped, the
/// exported literal is parsed with <see cref="JsLiteralParser"/>.
/// </summary>
internal static class JsBundle
{
    private const string ExportMarker = "exports=";

    /// <summary>The exported object literal (the model description of a bundled TF.js model).</summary>
    public static JsonObject ReadExportedObject(string path, string text)
    {
        int start = FindExport(path, text, '{');
        try
        {
            return (JsonObject)JsLiteralParser.ParseAt(text, start, out _)!;
        }
        catch (FormatException ex)
        {
            throw new ModelFormatException($"{path}: unreadable model description ({ex.Message})", ex);
        }
    }

    /// <summary>The bytes of the exported base64 string literal (one weight shard of a bundled TF.js model).</summary>
    public static byte[] ReadExportedBase64(string path, string text)
    {
        int start = FindExport(path, text, '"') + 1;
        int end = text.IndexOf('"', start);
        if (end < 0) throw new ModelFormatException($"{path}: unterminated weight string");
        try
        {
            return Convert.FromBase64String(text[start..end]);
        }
        catch (FormatException ex)
        {
            throw new ModelFormatException($"{path}: weight string is not base64", ex);
        }
    }

    /// <summary>Index of the first <c>exports=</c> assignment whose value opens with <paramref name="opening"/>.</summary>
    private static int FindExport(string path, string text, char opening)
    {
        for (int at = text.IndexOf(ExportMarker, StringComparison.Ordinal); at >= 0;
             at = text.IndexOf(ExportMarker, at + 1, StringComparison.Ordinal))
        {
            int value = at + ExportMarker.Length;
            if (value < text.Length && text[value] == opening) return value;
        }
        string what = opening == '{' ? "exported model object" : "exported weight string";
        throw new ModelFormatException($"{path}: no {what} found (not a bundled TF.js model file)");
    }
}
