namespace Beacon.Web;

/// <summary>OpenAPI schema ids for nested wire types: "CreateUnit.Request" becomes "CreateUnitRequest".</summary>
public static class SchemaIds
{
    public static string Qualified(Type type, string defaultId)
    {
        var prefix = "";
        for (var outer = type.DeclaringType; outer is not null; outer = outer.DeclaringType)
        {
            prefix = Plain(outer.Name) + prefix;
        }
        return prefix + defaultId;
    }

    private static string Plain(string name) => name.Split('`')[0];
}
