namespace Beacon.Platform.Common;

/// <summary>A request broke a business rule; nothing was changed. Maps to 422.</summary>
public class DomainException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>The request's fields are invalid; each field lists its messages. Maps to 400.</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception(Text.Get("FieldsInvalid"))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>The record does not exist or lies outside the caller's scope. Maps to 404.</summary>
/// <remarks><paramref name="entity"/> is a text key such as "Entity.Unit".</remarks>
public sealed class NotFoundException(string entity, object id) : Exception(Text.Get("NotFound", Text.Get(entity), id))
{
    public string Entity { get; } = entity;
}

/// <summary>The caller lacks the role for this operation. Maps to 403.</summary>
public class ForbiddenException(string message) : Exception(message);

/// <summary>The change clashes with existing data (duplicate code, stale version). Maps to 409.</summary>
public sealed class ConflictException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>Collects field errors and throws them together, so a form shows every problem at once.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <param name="label">Text key of the field's name, e.g. "Label.Code".</param>
    public Validator Require(string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, Text.Get("Required", Text.Get(label)));
        }
        return this;
    }

    public Validator MaxLength(string field, string? value, int max, string label)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, Text.Get("MaxLength", Text.Get(label), max));
        }
        return this;
    }

    /// <summary>
    /// A count people type (people affected, deaths, hazards found): not negative and not beyond
    /// <paramref name="max"/>, so 2147483647 from a slip is refused rather than stored and summed into statistics.
    /// </summary>
    public Validator Count(string field, double? value, double max)
    {
        if (value is < 0 || value > max)
        {
            Add(field, Text.Get("Count.Range", max.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)));
        }
        return this;
    }

    public Validator Check(bool ok, string field, string message)
    {
        if (!ok)
        {
            Add(field, message);
        }
        return this;
    }

    public Validator Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
        return this;
    }

    public bool IsValid => _errors.Count == 0;

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new RequestValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
