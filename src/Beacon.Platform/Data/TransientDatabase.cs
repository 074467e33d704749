using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Beacon.Platform.Data;

/// <summary>
/// A database that is briefly away (restarting, failing over, refusing connections while it starts, SQLite busy: Npgsql's own
/// judgement of what is transient):
/// the request is refused with 503 and Retry-After rather than an unexplained 500; nothing was written, since the
/// failed transaction never committed.
/// </summary>
public static class TransientDatabase
{
    /// <summary>How long a client is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case NpgsqlException n when n.IsTransient:
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                    return true;
            }
        }
        return false;
    }
}

/// <summary>
/// Reads survive a short database outage: a GET or HEAD that fails on a transient database error is run again, in a
/// fresh DI scope (a new DbContext), a few times over about four seconds, before the client is told 503. Writes are
/// not repeated here: their transaction rolled back, the client is told 503 and sends again.
/// </summary>
public sealed class ReadRetry(RequestDelegate next, IServiceScopeFactory scopes)
{
    private static readonly TimeSpan[] Pauses = [TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            await next(http);
            return;
        }
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (attempt == 0)
                {
                    await next(http);
                    return;
                }
                var original = http.RequestServices;
                await using var scope = scopes.CreateAsyncScope();
                http.RequestServices = scope.ServiceProvider;
                try
                {
                    await next(http);
                    return;
                }
                finally
                {
                    http.RequestServices = original;
                }
            }
            catch (Exception e) when (attempt < Pauses.Length && !http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested
                && TransientDatabase.Is(e))
            {
                http.Response.Clear();
                await Task.Delay(Pauses[attempt], http.RequestAborted);
            }
        }
    }
}
