using System.Text;
using System.Xml;
using MetadataExtractor.Formats.Xmp;

namespace DeepDream.Imaging;

/// <summary>
/// The XMP packet in which an output records how it was made: the recipe text as the property
/// <c>deepdream:Recipe</c>, and the program as <c>xmp:CreatorTool</c>, so XMP-aware viewers (exiftool, GIMP) show both.
/// </summary>
internal static class RecipeXmp
{
    /// <summary>The XMP namespace of DeepDream's own properties.</summary>
    public const string Namespace = "urn:deepdream:xmp:1.0/";

    private const string RecipeProperty = "Recipe";
    private const string XmpBasic = "http://ns.adobe.com/xap/1.0/";
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    /// <summary>A complete XMP packet (UTF-8, no byte-order mark outside the packet header) carrying <paramref name="recipe"/>.</summary>
    public static byte[] Packet(string recipe, string creatorTool)
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false, NewLineHandling = NewLineHandling.Entitize }))
        {
            xml.WriteProcessingInstruction("xpacket", "begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"");
            xml.WriteStartElement("x", "xmpmeta", "adobe:ns:meta/");
            xml.WriteStartElement("rdf", "RDF", Rdf);
            xml.WriteStartElement("rdf", "Description", Rdf);
            xml.WriteAttributeString("rdf", "about", Rdf, "");
            xml.WriteElementString("xmp", "CreatorTool", XmpBasic, creatorTool);
            xml.WriteElementString("deepdream", RecipeProperty, Namespace, recipe);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteProcessingInstruction("xpacket", "end=\"r\"");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The recipe in <paramref name="directory"/>, or null when it has none.</summary>
    public static string? Find(XmpDirectory directory) =>
        directory.XmpMeta?.DoesPropertyExist(Namespace, RecipeProperty) == true
            ? directory.XmpMeta.GetPropertyString(Namespace, RecipeProperty)
            : null;
}
