using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Beacon.Warnings.Cap;

/// <summary>A CAP document that is not one Beacon reads: the reason says why, without echoing the payload.</summary>
public sealed class CapFormatException(string reason) : Exception(reason);

/// <summary>
/// Reads and writes OASIS CAP 1.2 with System.Xml. Reading refuses a DOCTYPE, never resolves an external
/// entity, limits the size, and validates against the schema before anything is taken from the document;
/// writing follows the schema's element order and writes UTC as "-00:00", as CAP asks.
/// </summary>
public static class CapXml
{
    public const string Namespace = "urn:oasis:names:tc:emergency:cap:1.2";
    public const string MediaType = "application/cap+xml";
    /// <summary>Far above any real alert (the OASIS examples are 2–3 KB); a bigger document is refused unread.</summary>
    public const int DefaultMaxBytes = 1024 * 1024;

    private static readonly XNamespace Cap = Namespace;
    private static readonly Lazy<XmlSchemaSet> Schemas = new(LoadSchema);

    public static XmlSchemaSet Schema => Schemas.Value;

    private static XmlSchemaSet LoadSchema()
    {
        using var stream = typeof(CapXml).Assembly.GetManifestResourceStream("cap12.xsd")
            ?? throw new InvalidOperationException("cap12.xsd is not embedded.");
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var set = new XmlSchemaSet { XmlResolver = null };
        set.Add(Namespace, reader);
        set.Compile();
        return set;
    }

    public static CapAlert Read(string xml, int maxBytes = DefaultMaxBytes)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(xml) > maxBytes)
        {
            throw new CapFormatException($"The document is larger than {maxBytes / 1024} KB.");
        }
        EnsureShallow(xml);
        using var reader = new StringReader(xml);
        return Read(reader, maxBytes);
    }

    public static CapAlert Read(Stream stream, int maxBytes = DefaultMaxBytes)
    {
        using var limited = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[maxBytes + 1];
        var read = limited.ReadBlock(buffer, 0, buffer.Length);
        if (read > maxBytes)
        {
            throw new CapFormatException($"The document is larger than {maxBytes / 1024} KB.");
        }
        return Read(new string(buffer, 0, read), maxBytes);
    }

    /// <summary>CAP nests five levels (alert, info, area, geocode, value); anything much deeper is not an alert.</summary>
    public const int MaxDepth = 12;

    /// <summary>
    /// Refuses deep nesting in one forward pass that stops at the first element too deep, before the schema
    /// validator (which spends minutes on 100,000 nested elements) sees the document.
    /// </summary>
    private static void EnsureShallow(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 1024 };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            while (reader.Read())
            {
                if (reader.Depth > MaxDepth)
                {
                    throw new CapFormatException($"Elements are nested more than {MaxDepth} levels deep (line {((IXmlLineInfo)reader).LineNumber}); a CAP message needs five.");
                }
            }
        }
        catch (XmlException)
        {
            // Left to the validating read below, which names the fault.
        }
    }

    private static CapAlert Read(TextReader text, int maxBytes)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxBytes,
            MaxCharactersFromEntities = 1024,
            ValidationType = ValidationType.Schema,
            Schemas = Schema,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings,
        };
        settings.ValidationEventHandler += (_, e) => errors.Add($"line {e.Exception?.LineNumber}: {e.Message}");
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(text, settings);
            doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new CapFormatException("A DOCTYPE is not allowed in a CAP document.");
        }
        catch (XmlException e)
        {
            throw new CapFormatException($"Not well-formed XML (line {e.LineNumber}, position {e.LinePosition}).");
        }
        var root = doc.Root!;
        if (root.Name != Cap + "alert")
        {
            throw new CapFormatException($"The root element must be <alert> in the namespace {Namespace}, not <{root.Name.LocalName}> in '{root.Name.NamespaceName}'.");
        }
        if (errors.Count > 0)
        {
            throw new CapFormatException("Not a valid CAP 1.2 message: " + errors[0]);
        }
        try
        {
            return ReadAlert(root);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            // Values the schema lets through but .NET cannot read (e.g. a comma as offset separator).
            throw new CapFormatException("A date, size or number in the message cannot be read.");
        }
    }

    private static CapAlert ReadAlert(XElement root)
    {
        return new CapAlert
        {
            Identifier = Text(root, "identifier")!,
            Sender = Text(root, "sender")!,
            Sent = Time(root, "sent")!.Value,
            Status = Text(root, "status")!,
            MsgType = Text(root, "msgType")!,
            Source = Text(root, "source"),
            Scope = Text(root, "scope")!,
            Restriction = Text(root, "restriction"),
            Addresses = Text(root, "addresses"),
            Codes = Texts(root, "code"),
            Note = Text(root, "note"),
            References = Text(root, "references"),
            Incidents = Text(root, "incidents"),
            Infos = root.Elements(Cap + "info").Select(ReadInfo).ToList(),
        };
    }

    private static CapInfo ReadInfo(XElement i) => new()
    {
        Language = Text(i, "language"),
        Categories = Texts(i, "category"),
        Event = Text(i, "event")!,
        ResponseTypes = Texts(i, "responseType"),
        Urgency = Text(i, "urgency")!,
        Severity = Text(i, "severity")!,
        Certainty = Text(i, "certainty")!,
        Audience = Text(i, "audience"),
        EventCodes = Values(i, "eventCode"),
        Effective = Time(i, "effective"),
        Onset = Time(i, "onset"),
        Expires = Time(i, "expires"),
        SenderName = Text(i, "senderName"),
        Headline = Text(i, "headline"),
        Description = Text(i, "description"),
        Instruction = Text(i, "instruction"),
        Web = Text(i, "web"),
        Contact = Text(i, "contact"),
        Parameters = Values(i, "parameter"),
        Resources = i.Elements(Cap + "resource").Select(r => new CapResource
        {
            Description = Text(r, "resourceDesc")!,
            MimeType = Text(r, "mimeType"),
            Size = Text(r, "size") is { } size ? long.Parse(size, CultureInfo.InvariantCulture) : null,
            Uri = Text(r, "uri"),
            DerefUri = Text(r, "derefUri"),
            Digest = Text(r, "digest"),
        }).ToList(),
        Areas = i.Elements(Cap + "area").Select(a => new CapArea
        {
            Description = Text(a, "areaDesc")!,
            Polygons = Texts(a, "polygon"),
            Circles = Texts(a, "circle"),
            Geocodes = Values(a, "geocode"),
            Altitude = Text(a, "altitude") is { } alt ? double.Parse(alt, CultureInfo.InvariantCulture) : null,
            Ceiling = Text(a, "ceiling") is { } ceiling ? double.Parse(ceiling, CultureInfo.InvariantCulture) : null,
        }).ToList(),
    };

    private static string? Text(XElement e, string name) => e.Element(Cap + name)?.Value;

    private static List<string> Texts(XElement e, string name) => e.Elements(Cap + name).Select(x => x.Value).ToList();

    private static List<CapValue> Values(XElement e, string name) =>
        e.Elements(Cap + name).Select(x => new CapValue(Text(x, "valueName")!, Text(x, "value")!)).ToList();

    private static DateTimeOffset? Time(XElement e, string name) =>
        Text(e, name) is { } t ? DateTimeOffset.Parse(t.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None) : null;

    /// <summary>CAP's date-time: seconds, a numeric offset, and "-00:00" for UTC (never "Z").</summary>
    public static string FormatTime(DateTimeOffset t)
    {
        var s = t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        return t.Offset == TimeSpan.Zero ? s[..^6] + "-00:00" : s;
    }

    public static string Write(CapAlert a)
    {
        var alert = new XElement(Cap + "alert",
            El("identifier", a.Identifier), El("sender", a.Sender), El("sent", FormatTime(a.Sent)), El("status", a.Status),
            El("msgType", a.MsgType), El("source", a.Source), El("scope", a.Scope), El("restriction", a.Restriction),
            El("addresses", a.Addresses), a.Codes.Select(c => El("code", c)), El("note", a.Note), El("references", a.References),
            El("incidents", a.Incidents), a.Infos.Select(WriteInfo));
        var doc = new XDocument(new XDeclaration("1.0", "utf-8", null), alert);
        using var writer = new Utf8StringWriter();
        doc.Save(writer, SaveOptions.None);
        return writer.ToString();
    }

    private static XElement WriteInfo(CapInfo i) => new(Cap + "info",
        El("language", i.Language), i.Categories.Select(c => El("category", c)), El("event", i.Event),
        i.ResponseTypes.Select(r => El("responseType", r)), El("urgency", i.Urgency), El("severity", i.Severity),
        El("certainty", i.Certainty), El("audience", i.Audience), i.EventCodes.Select(v => Value("eventCode", v)),
        El("effective", i.Effective is { } ef ? FormatTime(ef) : null), El("onset", i.Onset is { } on ? FormatTime(on) : null),
        El("expires", i.Expires is { } ex ? FormatTime(ex) : null), El("senderName", i.SenderName), El("headline", i.Headline),
        El("description", i.Description), El("instruction", i.Instruction), El("web", i.Web), El("contact", i.Contact),
        i.Parameters.Select(v => Value("parameter", v)),
        i.Resources.Select(r => new XElement(Cap + "resource", El("resourceDesc", r.Description), El("mimeType", r.MimeType),
            El("size", r.Size?.ToString(CultureInfo.InvariantCulture)), El("uri", r.Uri), El("derefUri", r.DerefUri), El("digest", r.Digest))),
        i.Areas.Select(a => new XElement(Cap + "area", El("areaDesc", a.Description), a.Polygons.Select(p => El("polygon", p)),
            a.Circles.Select(c => El("circle", c)), a.Geocodes.Select(v => Value("geocode", v)),
            El("altitude", a.Altitude?.ToString(CultureInfo.InvariantCulture)), El("ceiling", a.Ceiling?.ToString(CultureInfo.InvariantCulture)))));

    private static XElement? El(string name, string? value) => value is null ? null : new XElement(Cap + name, value);

    private static XElement Value(string name, CapValue v) => new(Cap + name, El("valueName", v.Name), El("value", v.Value));

    /// <summary>The messages Beacon writes are checked against the schema too (tests, and before anything is served).</summary>
    public static IReadOnlyList<string> Validate(string xml)
    {
        var errors = new List<string>();
        var doc = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        doc.Validate(Schema, (_, e) => errors.Add(e.Message));
        return errors;
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter() : base(CultureInfo.InvariantCulture)
        {
        }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
