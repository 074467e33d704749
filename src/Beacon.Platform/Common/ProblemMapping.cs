using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Beacon.Platform.Common;

/// <summary>Turns every error into RFC 7807 problem details; unexpected ones say nothing about internals.</summary>
public sealed partial class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        ProblemDetails problem = exception switch
        {
            RequestValidationException v => new HttpValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
            },
            DomainException d => WithField(new ProblemDetails { Status = StatusCodes.Status422UnprocessableEntity, Title = "The request breaks a rule.", Detail = d.Message }, d.Field, d.Message),
            ConflictException c => WithField(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = c.Message }, c.Field, c.Message),
            // Two writers on one record at once: the second is told to reload, not given a 500.
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict",
                Detail = Text.Get("Stale"),
            },
            NotFoundException n => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = n.Message },
            ForbiddenException f => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = f.Message },
            BadHttpRequestException { InnerException: DateOutOfWindowException w } => new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [FieldOf(w.Path)] = [w.Message],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
            },
            BadHttpRequestException b => new ProblemDetails
            {
                Status = b.StatusCode,
                Title = b.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Malformed request",
                Detail = b.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is larger than this endpoint accepts."
                    : DescribeBadRequest(b),
            },
            _ when Data.TransientDatabase.Is(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service briefly unavailable",
                Detail = Text.Get("Database.Unavailable"),
            },
            _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." },
        };
        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(log, exception, http.Request.Path);
        }
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            LogUnavailable(log, exception.GetBaseException().Message, http.Request.Path);
            http.Response.Headers.RetryAfter = Data.TransientDatabase.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails WithField(ProblemDetails p, string? field, string message)
    {
        if (field is not null)
        {
            p.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        }
        return p;
    }

    /// <summary>"$.deadline" → "deadline", "$.items[2].dueAt" → "items[2].dueAt": the field as the client named it.</summary>
    private static string FieldOf(string? path) => path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "body";

    private static string DescribeBadRequest(BadHttpRequestException b) =>
        b.InnerException is System.Text.Json.JsonException j
            ? $"The body is not valid JSON for this request{(j.Path is { Length: > 0 } path ? $" (at {path})" : "")}."
            : "The request could not be read: check the body and parameters.";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable on {Path}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);
}

/// <summary>Refuses bodies over the limit before they are read, with a problem document rather than a reset connection.</summary>
public sealed class BodySizeLimit(RequestDelegate next, long maxBytes)
{
    public async Task InvokeAsync(HttpContext http)
    {
        // Forms carry uploads (10 MB a file by default) and their envelope; the upload's own limit is checked where it is read.
        var limit = http.Request.HasFormContentType ? 12 * 1024 * 1024 : maxBytes;
        var feature = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }
        if (http.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }
        await next(http);
    }
}
