using Beacon.Warnings.Cap;

namespace Beacon.Warnings.Tests;

public sealed class CapXmlTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    [Theory]
    [InlineData("oasis-a1-homeland.xml")]
    [InlineData("oasis-a2-thunderstorm.xml")]
    [InlineData("oasis-a3-earthquake.xml")]
    [InlineData("oasis-a4-amber.xml")]
    public void The_OASIS_examples_are_read_and_written_back_valid_and_unchanged(string name)
    {
        var alert = CapXml.Read(Fixture(name));
        var written = CapXml.Write(alert);
        Assert.Empty(CapXml.Validate(written));
        // Writing what was read, and reading it again, changes nothing.
        Assert.Equal(written, CapXml.Write(CapXml.Read(written)));
    }

    [Fact]
    public void The_thunderstorm_warning_keeps_every_element()
    {
        var a = CapXml.Read(Fixture("oasis-a2-thunderstorm.xml"));
        Assert.Equal("KSTO1055887203", a.Identifier);
        Assert.Equal(new DateTimeOffset(2003, 6, 17, 14, 57, 0, TimeSpan.FromHours(-7)), a.Sent);
        var info = Assert.Single(a.Infos);
        Assert.Equal(["Met"], info.Categories);
        Assert.Equal(["Shelter"], info.ResponseTypes);
        Assert.Equal(new CapValue("SAME", "SVR"), Assert.Single(info.EventCodes));
        var area = Assert.Single(info.Areas);
        Assert.Equal("38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14", Assert.Single(area.Polygons));
        Assert.Equal(["006109", "006009", "006003"], area.Geocodes.Select(g => g.Value));
    }

    [Fact]
    public void The_earthquake_update_keeps_its_references_and_circle_and_the_amber_alert_both_languages()
    {
        var quake = CapXml.Read(Fixture("oasis-a3-earthquake.xml"));
        Assert.Equal("Update", quake.MsgType);
        Assert.Equal("trinet@caltech.edu,TRI13970876.1,2003-06-11T20:30:00-07:00", quake.References);
        Assert.Equal("32.9525,-115.5527 0", Assert.Single(Assert.Single(quake.Infos).Areas).Circles.Single());
        Assert.Equal(5, quake.Infos[0].Parameters.Count);

        var amber = CapXml.Read(Fixture("oasis-a4-amber.xml"));
        Assert.Equal(["en-US", "es-US"], amber.Infos.Select(i => i.Language));
        Assert.Equal("Abducción de Niño", amber.Infos[1].Event);
    }

    [Fact]
    public void UTC_is_written_as_minus_zero_and_other_offsets_as_they_are()
    {
        Assert.Equal("2026-03-01T00:15:00-00:00", CapXml.FormatTime(new DateTimeOffset(2026, 3, 1, 0, 15, 0, TimeSpan.Zero)));
        Assert.Equal("2026-03-01T08:15:00+08:00", CapXml.FormatTime(new DateTimeOffset(2026, 3, 1, 8, 15, 0, TimeSpan.FromHours(8))));
    }

    [Fact]
    public void A_document_nested_100000_deep_is_refused_for_its_depth_before_schema_validation()
    {
        // About 700 KB, under the size limit: the schema validator alone would spend minutes on it.
        var depth = 100_000;
        var xml = new System.Text.StringBuilder("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">");
        xml.Insert(xml.Length, "<a>", depth).Insert(xml.Length, "</a>", depth).Append("</alert>");
        Assert.True(xml.Length < CapXml.DefaultMaxBytes);
        var e = Assert.Throws<CapFormatException>(() => CapXml.Read(xml.ToString()));
        Assert.Contains("nested more than", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_doctype_is_refused_and_no_entity_is_expanded()
    {
        var xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier></alert>
            """;
        var e = Assert.Throws<CapFormatException>(() => CapXml.Read(xxe));
        Assert.Contains("DOCTYPE", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_in_another_namespace_or_missing_required_elements_is_refused_with_the_reason()
    {
        var cap11 = Fixture("oasis-a1-homeland.xml").Replace("emergency:cap:1.2", "emergency:cap:1.1", StringComparison.Ordinal);
        Assert.Contains("urn:oasis:names:tc:emergency:cap:1.1", Assert.Throws<CapFormatException>(() => CapXml.Read(cap11)).Message, StringComparison.Ordinal);

        var noSender = Fixture("oasis-a1-homeland.xml").Replace("<sender>hsas@dhs.gov</sender>", "", StringComparison.Ordinal);
        var e = Assert.Throws<CapFormatException>(() => CapXml.Read(noSender));
        Assert.Contains("sender", e.Message, StringComparison.Ordinal);

        var zulu = Fixture("oasis-a1-homeland.xml").Replace("2003-04-02T14:39:01-05:00", "2003-04-02T19:39:01Z", StringComparison.Ordinal);
        Assert.Throws<CapFormatException>(() => CapXml.Read(zulu));
        Assert.Throws<CapFormatException>(() => CapXml.Read("<alert"));
    }

    [Fact]
    public void An_oversized_document_is_refused_unread()
    {
        var big = Fixture("oasis-a1-homeland.xml").Replace("<note>", "", StringComparison.Ordinal) + new string(' ', 2000);
        Assert.Contains("larger", Assert.Throws<CapFormatException>(() => CapXml.Read(big, maxBytes: 1024)).Message, StringComparison.Ordinal);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(big));
        Assert.Throws<CapFormatException>(() => CapXml.Read(stream, maxBytes: 1024));
    }
}
