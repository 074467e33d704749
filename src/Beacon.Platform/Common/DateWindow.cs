namespace Beacon.Platform.Common;

/// <summary>
/// The dates Beacon accepts from people and stores: 2000-01-01 to 2100-12-31. Wider values are typing slips
/// (0001, 9999) and would overflow time-zone and deadline arithmetic; refused as a field error instead.
/// </summary>
public static class DateWindow
{
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Latest = new(2100, 12, 31, 23, 59, 59, TimeSpan.Zero);

    public static bool Holds(DateTimeOffset value) => value >= Earliest && value <= Latest;

    public static bool Holds(DateTime value) => value.Year is >= 2000 and <= 2100;

    public static bool Holds(DateOnly value) => value.Year is >= 2000 and <= 2100;

    public static string Refusal() => Text.Get("Date.OutOfRange", "2000-01-01", "2100-12-31");
}

/// <summary>A date in a request body that is unreadable or outside <see cref="DateWindow"/>: answered as a field error, not as "invalid JSON".</summary>
public sealed class DateOutOfWindowException(string message) : System.Text.Json.JsonException(message);

/// <summary>Refuses dates outside <see cref="DateWindow"/> as the API reads a body, before any handler computes with them.</summary>
public sealed class WindowedDateTimeOffsetConverter : System.Text.Json.Serialization.JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
    {
        // 0001-01-01T00:00+08:00 does not even convert: it lies before the first instant there is.
        if (reader.TokenType != System.Text.Json.JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
        {
            throw new DateOutOfWindowException(Text.Get("Date.Unreadable"));
        }
        return DateWindow.Holds(value) ? value : throw new DateOutOfWindowException(DateWindow.Refusal());
    }

    public override void Write(System.Text.Json.Utf8JsonWriter writer, DateTimeOffset value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}

/// <summary>The same for calendar days.</summary>
public sealed class WindowedDateOnlyConverter : System.Text.Json.Serialization.JsonConverter<DateOnly>
{
    public override DateOnly Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
    {
        if (reader.TokenType != System.Text.Json.JsonTokenType.String || !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None,
            out var value))
        {
            throw new DateOutOfWindowException(Text.Get("Date.Unreadable"));
        }
        return DateWindow.Holds(value) ? value : throw new DateOutOfWindowException(DateWindow.Refusal());
    }

    public override void Write(System.Text.Json.Utf8JsonWriter writer, DateOnly value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}
