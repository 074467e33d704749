namespace Beacon.Platform.Units.Domain;

/// <summary>
/// Reading a materialised unit path ("/a/b/c/", each segment a unit id in "N" format): the one place
/// that knows its shape.
/// </summary>
public static class UnitPaths
{
    /// <summary>"/a/b/c/" → [a, b, c]: the unit ids from the root down to the unit itself.</summary>
    public static List<Guid> Ids(string unitPath) => unitPath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries)
        .Select(s => Guid.ParseExact(s, "N")).ToList();

    /// <summary>"/a/b/c/" → "/a/", "/a/b/", "/a/b/c/": the paths of the unit and every unit above it, root first.</summary>
    public static List<string> Ancestors(string unitPath)
    {
        var parts = unitPath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return Enumerable.Range(1, parts.Length).Select(n => "/" + string.Join('/', parts.Take(n)) + "/").ToList();
    }
}
