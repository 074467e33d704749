using System.Globalization;
using System.Runtime.CompilerServices;

namespace Beacon.Platform.Tests;

internal static class TestCulture
{
    // Rule messages follow the UI culture; these tests read the English ones unless they say otherwise.
    [ModuleInitializer]
    internal static void UseEnglish()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("en");
    }
}
