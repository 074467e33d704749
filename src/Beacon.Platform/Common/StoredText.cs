namespace Beacon.Platform.Common;

/// <summary>
/// Characters no text field stores: NUL and the other C0/C1 controls, DEL, and the bidirectional overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069) that make a name read differently from what it is. Tab and line breaks
/// are kept in multi-line fields (descriptions, notes) and refused in one-line ones (names, codes, titles).
/// </summary>
public static class StoredText
{
    /// <summary>Fields this long or shorter are one line: names, codes, titles, places.</summary>
    public const int OneLineMaxLength = 200;

    /// <summary>The first character a field of this kind must not hold, or null when it is clean.</summary>
    public static char? FirstForbidden(string value, bool multiLine)
    {
        foreach (var c in value)
        {
            if (IsForbidden(c, multiLine))
            {
                return c;
            }
        }
        return null;
    }

    public static bool IsForbidden(char c, bool multiLine) => c switch
    {
        '\t' or '\n' or '\r' => !multiLine,
        < ' ' => true,
        >= '\u007f' and <= '\u009f' => true,
        >= '\u202a' and <= '\u202e' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };

    /// <summary>How a refused character is named in the error: its code point, since it cannot be shown.</summary>
    public static string Describe(char c) => $"U+{(int)c:X4}";
}
