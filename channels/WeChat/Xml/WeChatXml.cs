using System.Xml;
using System.Xml.Linq;

namespace CitizenBot.Channels.WeChat.Xml;

/// <summary>
/// Reads WeChat's flat <c>&lt;xml&gt;</c> documents safely: DTDs prohibited so no entity is ever
/// expanded (billion laughs) or resolved (XXE), no resolver, a character cap, root must be <c>xml</c>, no duplicate fields.
/// </summary>
internal static class WeChatXml
{
    public const string RootName = "xml";

    /// <summary>About 1 MB of characters: far above any real message (compatible mode is ~3× a plain one).</summary>
    public const long MaxCharacters = 1_000_000;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>
    /// The fields of the document by element name. Nested elements (e.g. <c>SendLocationInfo/Location_X</c>) are keyed by
    /// their path from the root.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Parse(string xml)
    {
        XElement root;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), Settings);
            root = XElement.Load(reader, LoadOptions.None);
        }
        catch (XmlException e)
        {
            throw new WeChatXmlException("malformed or carries a DTD", e);
        }

        if (!string.Equals(root.Name.LocalName, RootName, StringComparison.Ordinal) || root.Name.Namespace != XNamespace.None)
        {
            throw new WeChatXmlException("root element is not <xml>");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(root, prefix: "", fields);
        return fields;
    }

    private static void Collect(XElement parent, string prefix, Dictionary<string, string> fields)
    {
        foreach (var element in parent.Elements())
        {
            var name = prefix + element.Name.LocalName;
            if (element.HasElements)
            {
                // Lists such as SendPicsInfo/PicList/item repeat by design; keep the first of each.
                if (!fields.TryAdd(name, string.Empty) && prefix.Length == 0)
                {
                    throw new WeChatXmlException("duplicate field");
                }

                Collect(element, name + "/", fields);
            }
            else if (!fields.TryAdd(name, element.Value) && prefix.Length == 0)
            {
                throw new WeChatXmlException("duplicate field");
            }
        }
    }
}
