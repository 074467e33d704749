using System.Globalization;
using System.Resources;

namespace Beacon.Platform.Common;

/// <summary>
/// Messages of rules and validation in the current UI culture: the API answers in English unless the
/// caller asks for Chinese; the UI, Chinese by default. Texts live in Texts(.zh-CN).resx (tools/texts.py).
/// </summary>
public static class Text
{
    private static readonly ResourceManager Resources = new("Beacon.Platform.Common.Texts", typeof(Text).Assembly);

    public static string Get(string key, params object?[] args) => In(CultureInfo.CurrentUICulture, key, args);

    /// <summary>The text in a given language, e.g. a message written for recipients rather than for the caller.</summary>
    public static string In(CultureInfo culture, string key, params object?[] args)
    {
        var template = Resources.GetString(key, culture) ?? key;
        return args.Length == 0 ? template : string.Format(culture, template, args);
    }
}
