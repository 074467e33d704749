using System.Globalization;
using Beacon.Platform.Common;
using Beacon.Platform.Units.Domain;

namespace Beacon.Platform.Tests;

public class TextTests
{
    private static T InCulture<T>(string culture, Func<T> work)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return work();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void Rule_messages_follow_the_ui_culture()
    {
        Assert.Equal("A county must be placed directly under a city, not a province.",
            InCulture("en", () => UnitRules.WhyCannotHang(UnitKind.County, UnitKind.Province)));
        Assert.Equal("县（区）必须直属于市，不能设在省之下。",
            InCulture("zh-CN", () => UnitRules.WhyCannotHang(UnitKind.County, UnitKind.Province)));
    }

    [Fact]
    public void Validation_messages_name_the_field_in_the_users_language()
    {
        var ex = InCulture("zh-CN", () => Assert.Throws<RequestValidationException>(() => new Validator().Require("code", " ", "Label.Code").ThrowIfInvalid()));
        Assert.Equal("请填写编码。", ex.Errors["code"][0]);
    }
}
