using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Beacon.IntegrationTests.Infrastructure;
using Beacon.Platform.Common;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Beacon.IntegrationTests;

/// <summary>
/// A host of its own for the route probe: the write probe may change records if a route leaks, and that must not
/// reach other tests; the dispatcher is off so that what the owners read stays put while the intruders call.
/// </summary>
public abstract class RouteScopeFactory(string provider) : BeaconFactory(provider)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _once = new();

    /// <summary>Made once per host, whichever test asks first.</summary>
    public async Task<T> Once<T>(string key, Func<Task<T>> make) where T : class =>
        (T)await _once.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await make())).Value;

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<Beacon.Platform.Notifications.NotificationOptions>(o => o.DispatcherEnabled = false);
}

public sealed class RouteScopeSqliteFactory() : RouteScopeFactory("sqlite");

public sealed class RouteScopePostgresFactory() : RouteScopeFactory("postgres");

/// <summary>
/// Every route of the API, read from the OpenAPI document, is called by users of the sibling county (青石县) and of the
/// sibling city (山阳市) with the real ids of one record of every kind made in 安宁县: a route with an id answers them as it
/// answers a random id (404, or 403 where the role lacks the permission outright), and no list or export shows them the
/// marker text of the county's records. A route added later is probed without editing this test; what is global by design
/// is listed in <see cref="Global"/> with the reason.
/// </summary>
public abstract partial class RouteScopeTests(RouteScopeFactory app, ITestOutputHelper output)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>
    /// Routes that answer the same for everyone by design. They are still called: they may show what is public
    /// (the public warning's marker), never a restricted record's marker.
    /// </summary>
    private static readonly Dictionary<string, string> Global = new(StringComparer.Ordinal)
    {
        ["GET /api/warnings/feed.atom"] = "the public feed: public warnings in force are for anyone, without login (restricted ones are added only for their readers)",
        ["GET /api/warnings/{id}/public.cap"] = "the CAP message of a public warning is for anyone, without login (a restricted warning's is not found for anyone)",
        ["GET /api/event-types"] = "the event taxonomy is one list for the whole province",
        ["PUT /api/event-types/{code}"] = "the event taxonomy belongs to no unit: its key is a code, not a record of a subtree",
        ["GET /api/roles"] = "the catalogue of roles and their permissions",
        ["GET /api/risk-matrix"] = "one risk matrix grades the whole province's hazards",
        ["GET /api/security/policy"] = "one security policy for the whole platform",
    };

    /// <summary>Routes with an id that no owner reads with 200 either, and why (the probe of them still runs).</summary>
    private static readonly Dictionary<string, string> NotReadByOwners = new(StringComparer.Ordinal)
    {
        ["GET /api/warnings/{id}/public.cap"] = "the probed warning is restricted: its public CAP is not found for anyone",
    };

    /// <summary>Endpoints outside the OpenAPI document that are not probed here, and why.</summary>
    private static readonly Dictionary<string, string> NotProbed = new(StringComparer.Ordinal)
    {
        ["/hubs/notifications"] = "SignalR hub: a stream that never ends; it carries only the caller's own notifications (NotificationTests)",
        ["/hubs/notifications/negotiate"] = "the hub's negotiation: hands out a connection id, no records",
    };

    private static readonly HashSet<HttpStatusCode> Hidden = [HttpStatusCode.NotFound, HttpStatusCode.Forbidden];

    private static readonly HashSet<HttpStatusCode> Refused =
        [HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnsupportedMediaType];

    private sealed record Actor(string Label, string UserName, string Password, Guid UserId, Guid UnitId);

    private sealed record Route(string Method, string Template, JsonElement? Operation)
    {
        public string Key => $"{Method} {Template}";
        public string Segment => Template.Split('/', StringSplitOptions.RemoveEmptyEntries) is var s && s.Length > 1 ? s[1] : "";
        public IEnumerable<string> PathParams => Param().Matches(Template).Select(m => m.Groups[1].Value);
    }

    /// <summary>One record of every kind in 安宁县, each with its own marker text, and the ids by (first path segment, parameter).</summary>
    private sealed class World
    {
        public Dictionary<(string Segment, string Param), string> Ids { get; } = [];
        public Dictionary<string, string> Markers { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> PublicMarkers { get; } = new(StringComparer.Ordinal);
        /// <summary>Markers some list must show to an owner: otherwise their absence from the intruders' lists proves nothing.</summary>
        public HashSet<string> Listed { get; } = new(StringComparer.Ordinal);
        public Guid County { get; set; }
        public List<Actor> Owners { get; } = [];
    }

    private sealed class Failures
    {
        private readonly ConcurrentBag<string> _items = [];
        public void Add(string line) => _items.Add(line);
        public void AssertNone(string what)
        {
            var lines = _items.Distinct().Order(StringComparer.Ordinal).ToList();
            Assert.True(lines.Count == 0, $"{lines.Count} {what}:\n" + string.Join("\n", lines));
        }
    }

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex Param();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?")]
    private static partial Regex Stamp();

    private static string Marker(string kind) => $"MARK-{kind}-{Guid.NewGuid():N}"[..(6 + kind.Length + 12)];

    private DateTimeOffset Now => DateTimeOffset.UtcNow;

    private DateOnly Today => DateOnly.FromDateTime(app.Services.GetRequiredService<LocalTime>().ToLocal(Now).DateTime);

    // ---------------------------------------------------------------------------------------------------------------
    // The probes
    // ---------------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Every_route_with_an_id_answers_a_sibling_county_and_a_sibling_city_as_it_answers_a_random_id()
    {
        var world = await app.Once("read-world", () => Arrange("geo", 3));
        var intruders = await Intruders();
        var routes = (await Routes()).Where(r => r.Method == "GET" && r.PathParams.Any()).ToList();
        var failures = new Failures();
        var unresolved = new ConcurrentBag<string>();
        var statuses = new ConcurrentBag<int>();

        // The owners read every one of them: the ids are right, so a 404 to an intruder means something.
        await using (var owners = await Clients(world.Owners))
        {
            foreach (var route in routes.Where(r => !NotReadByOwners.ContainsKey(r.Key)))
            {
                var url = Url(route, world, real: true, unresolved);
                if (await FirstOwnerReading(owners, url) is null)
                {
                    failures.Add($"{route.Key}: no owner in 安宁县 or above reads {url} — the probe of it proves nothing");
                }
            }
        }

        await ForEachIntruder(intruders, async (who, client) =>
        {
            foreach (var route in routes)
            {
                var real = await Call(client, "GET", Url(route, world, real: true, unresolved));
                statuses.Add((int)real.Status);
                var random = await Call(client, "GET", Url(route, world, real: false, unresolved));
                if (!Hidden.Contains(real.Status) || real.Status != random.Status)
                {
                    failures.Add($"{route.Key} as {who.Label}: {(int)real.Status} with the real id, {(int)random.Status} with a random one");
                }
                if (Leaked(real.Text, world, route) is { } marker)
                {
                    failures.Add($"{route.Key} as {who.Label}: the answer shows {marker}");
                }
            }
        });

        output.WriteLine($"{routes.Count} GET routes with an id × {intruders.Count} users ({string.Join(", ", intruders.Select(i => i.Label))})");
        output.WriteLine("answers with the real ids: " + string.Join(", ", statuses.CountBy(x => x).OrderBy(x => x.Key).Select(x => $"{x.Key} × {x.Value}")));
        output.WriteLine(string.Join(", ", routes.Select(r => r.Key)));
        foreach (var u in unresolved.Distinct().Order(StringComparer.Ordinal))
        {
            output.WriteLine($"no record of this kind, called with a random id only: {u}");
        }
        failures.AssertNone("routes answer a sibling's user differently from a random id");
    }

    [Fact]
    public async Task No_list_or_export_shows_a_sibling_county_or_a_sibling_city_anything_of_the_county()
    {
        var world = await app.Once("read-world", () => Arrange("geo", 3));
        var intruders = await Intruders();
        var routes = (await Routes()).Where(r => r.Method == "GET" && !r.PathParams.Any()).ToList();
        var failures = new Failures();

        // The owners see every listed marker somewhere: the marker sits in a field the lists show.
        var seen = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        await using (var owners = await Clients(world.Owners))
        {
            foreach (var route in routes)
            {
                foreach (var (url, _) in ListUrls(route, world))
                {
                    foreach (var client in owners.All)
                    {
                        var text = (await Call(client, "GET", url)).Text;
                        foreach (var m in world.Listed.Where(m => text.Contains(m, StringComparison.Ordinal)))
                        {
                            seen[m] = 0;
                        }
                    }
                }
            }
        }
        foreach (var (kind, marker) in world.Markers.Concat(world.PublicMarkers).Where(m => world.Listed.Contains(m.Value) && !seen.ContainsKey(m.Value)))
        {
            failures.Add($"the {kind} marker is in no list an owner reads — its absence from the intruders' lists proves nothing");
        }

        await ForEachIntruder(intruders, async (who, client) =>
        {
            foreach (var route in routes)
            {
                foreach (var (url, randomUrl) in ListUrls(route, world))
                {
                    var answer = await Call(client, "GET", url);
                    if (Leaked(answer.Text, world, route) is { } marker)
                    {
                        failures.Add($"{route.Key} as {who.Label}: {url} ({(int)answer.Status}) shows {marker}");
                    }
                    if (randomUrl is not null && await Call(client, "GET", randomUrl) is var random && random.Status != answer.Status)
                    {
                        failures.Add($"{route.Key} as {who.Label}: {(int)answer.Status} for {url}, {(int)random.Status} with a random id");
                    }
                    if ((int)answer.Status >= 500)
                    {
                        failures.Add($"{route.Key} as {who.Label}: {url} fails with {(int)answer.Status}");
                    }
                }
            }
        });

        output.WriteLine($"{routes.Count} GET routes without an id × {intruders.Count} users");
        failures.AssertNone("lists and exports show a sibling's user the county's records");
    }

    /// <summary>
    /// Every change with an id in its path (POST, PUT, DELETE), called by the intruders with the real ids and a body made
    /// from the route's own schema (uploads get a photo): refused like a random id, and what the owners read is unchanged.
    /// Changes without an id (creating records) act in the caller's own unit and are covered by each module's tests.
    /// </summary>
    [Fact]
    public async Task Every_change_with_an_id_is_refused_to_a_sibling_as_to_a_random_id_and_changes_nothing()
    {
        // Records of their own, so that a change that got through cannot disturb the reading probes.
        var world = await app.Once("write-world", () => Arrange("met", 5));
        var intruders = await Intruders();
        var all = await Routes();
        var reads = all.Where(r => r.Method == "GET" && r.PathParams.Any() && !NotReadByOwners.ContainsKey(r.Key)).ToList();
        var writes = all.Where(r => r.Method != "GET" && r.PathParams.Any() && !Global.ContainsKey(r.Key)).ToList();
        var failures = new Failures();
        var unresolved = new ConcurrentBag<string>();

        await using var owners = await Clients(world.Owners);
        var before = await Snapshot(owners, reads, world, unresolved);
        foreach (var route in reads.Where(r => !before.ContainsKey(Url(r, world, real: true, unresolved))))
        {
            failures.Add($"{route.Key}: no owner reads it, so a change to it would go unseen");
        }
        var statuses = new List<int>();
        var checkedFirst = new SortedSet<string>(StringComparer.Ordinal);

        // One intruder after another: the changes take the module's write locks, and a conflict must not look like a leak.
        foreach (var who in intruders)
        {
            using var client = await app.ClientFor(who.UserName, who.Password);
            foreach (var route in writes)
            {
                var real = await Call(client, route.Method, Url(route, world, real: true, unresolved), route, who);
                var random = await Call(client, route.Method, Url(route, world, real: false, unresolved), route, who);
                statuses.Add((int)real.Status);
                if (real.Status == HttpStatusCode.BadRequest)
                {
                    checkedFirst.Add(route.Key);
                }
                if (!Refused.Contains(real.Status) || real.Status != random.Status)
                {
                    failures.Add($"{route.Key} as {who.Label}: {(int)real.Status} with the real ids, {(int)random.Status} with random ones");
                }
            }
        }

        var after = await Snapshot(owners, reads, world, unresolved);
        foreach (var (url, text) in before.Where(b => after.GetValueOrDefault(b.Key) != b.Value))
        {
            var now = after.GetValueOrDefault(url) ?? "";
            var at = Enumerable.Range(0, Math.Min(text.Length, now.Length)).FirstOrDefault(i => text[i] != now[i], Math.Min(text.Length, now.Length));
            failures.Add($"{url} changed while the intruders called:\n    before: …{Clip(text, at)}\n    after:  …{Clip(now, at)}");
        }
        output.WriteLine($"{writes.Count} changing routes with an id × {intruders.Count} users; {before.Count} owner reads compared");
        output.WriteLine("answers with the real ids: " + string.Join(", ", statuses.CountBy(x => x).OrderBy(x => x.Key).Select(x => $"{x.Key} × {x.Value}")));
        output.WriteLine("the body is checked before the record is looked up (400 for real and random ids alike): " + string.Join(", ", checkedFirst));
        failures.AssertNone("changes a sibling's user got through or answered differently from a random id");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Routes and URLs
    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>The OpenAPI document's routes, and the GET routes of the host outside it (the UI's downloads, on the same handlers).</summary>
    private async Task<List<Route>> Routes() => await app.Once("routes", async () =>
    {
        using var anonymous = app.CreateClient();
        var doc = await (await anonymous.GetAsync("/openapi/v1.json")).Ok();
        _components = doc.GetProperty("components").GetProperty("schemas");
        var routes = new List<Route>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                routes.Add(new Route(op.Name.ToUpperInvariant(), path.Name, op.Value.Clone()));
            }
        }
        var documented = routes.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var outside = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = "/" + Param().Replace(endpoint.RoutePattern.RawText ?? "", m => "{" + m.Groups[1].Value + "}").Trim('/');
            // No method metadata: the endpoint answers any method (a hub's connection).
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            if (!methods.Contains("GET") || documented.Contains("GET " + template))
            {
                continue;
            }
            if (template.StartsWith("/ui/", StringComparison.Ordinal))
            {
                routes.Add(new Route("GET", template, null));
            }
            else if (template.StartsWith("/api/", StringComparison.Ordinal) || template.StartsWith("/hubs/", StringComparison.Ordinal))
            {
                Assert.True(NotProbed.ContainsKey(template), $"GET {template} is outside the OpenAPI document: probe it or list it in NotProbed with the reason");
                outside.Add(template);
            }
        }
        Assert.Empty(NotProbed.Keys.Except(outside));
        return routes;
    });

    /// <summary>The route with the world's ids (real) or random ones; a kind of id the world has no record of is random either way.</summary>
    private static string Url(Route route, World world, bool real, ConcurrentBag<string> unresolved) =>
        Param().Replace(route.Template, m =>
        {
            var name = m.Groups[1].Value;
            if (real && world.Ids.TryGetValue((route.Segment, name.ToLowerInvariant()), out var id))
            {
                return Uri.EscapeDataString(id);
            }
            if (real)
            {
                unresolved.Add($"{route.Key} {{{name}}}");
            }
            return name.EndsWith("code", StringComparison.OrdinalIgnoreCase) ? "nothing." + Guid.NewGuid().ToString("N")[..8] : Guid.NewGuid().ToString();
        });

    /// <summary>
    /// A list's URLs: with its required query parameters, and once more with its optional id parameters set to the
    /// county's records (paired with the same URL with random ids, which must be answered alike).
    /// </summary>
    private IEnumerable<(string Url, string? RandomUrl)> ListUrls(Route route, World world)
    {
        var query = (route.Operation is { } op && op.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray().ToList() : [])
            .Where(p => p.GetProperty("in").GetString() == "query").ToList();
        var plain = new List<string>();
        var ids = new List<(string Name, string Real)>();
        var anIdIsRequired = false;
        foreach (var p in query)
        {
            var name = p.GetProperty("name").GetString()!;
            var format = p.TryGetProperty("schema", out var s) && s.TryGetProperty("format", out var f) ? f.GetString() : null;
            var required = p.TryGetProperty("required", out var r) && r.GetBoolean();
            if (format == "uuid" && world.Ids.TryGetValue(("?", name.ToLowerInvariant()), out var real))
            {
                ids.Add((name, real));
                anIdIsRequired |= required;
            }
            else if (required)
            {
                var value = format switch
                {
                    "date-time" => (name.StartsWith("to", StringComparison.OrdinalIgnoreCase) ? Now.AddDays(2) : Now.AddDays(-2)).ToString("O"),
                    "date" => Today.ToString("yyyy-MM-dd"),
                    "uuid" => Guid.NewGuid().ToString(),
                    _ => "1",
                };
                plain.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        string Build(IEnumerable<string> parts) => parts.Any() ? route.Template + "?" + string.Join("&", parts) : route.Template;
        if (!anIdIsRequired)
        {
            yield return (Build(plain), null);
        }
        if (ids.Count > 0)
        {
            yield return (Build(plain.Concat(ids.Select(b => $"{b.Name}={b.Real}"))), Build(plain.Concat(ids.Select(b => $"{b.Name}={Guid.NewGuid()}"))));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Calling
    // ---------------------------------------------------------------------------------------------------------------

    private sealed record Answer(HttpStatusCode Status, string Text, bool Package);

    private sealed class OwnerClients(List<HttpClient> all) : IAsyncDisposable
    {
        public List<HttpClient> All { get; } = all;
        public ValueTask DisposeAsync()
        {
            All.ForEach(c => c.Dispose());
            return ValueTask.CompletedTask;
        }
    }

    private async Task<OwnerClients> Clients(IEnumerable<Actor> actors)
    {
        var list = new List<HttpClient>();
        foreach (var a in actors)
        {
            list.Add(await app.ClientFor(a.UserName, a.Password));
        }
        return new OwnerClients(list);
    }

    private static async Task<HttpClient?> FirstOwnerReading(OwnerClients owners, string url)
    {
        foreach (var c in owners.All)
        {
            if ((await Call(c, "GET", url)).Status == HttpStatusCode.OK)
            {
                return c;
            }
        }
        return null;
    }

    private async Task<Dictionary<string, string>> Snapshot(OwnerClients owners, List<Route> reads, World world, ConcurrentBag<string> unresolved)
    {
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var route in reads)
        {
            var url = Url(route, world, real: true, unresolved);
            if (await FirstOwnerReading(owners, url) is { } c)
            {
                // A generated document differs in its package (relationship ids) and states when it was made: its words
                // without the times are compared (a change adds or alters words, not only a time).
                var answer = await Call(c, "GET", url);
                snapshot[url] = answer.Package ? Stamp().Replace(Tag().Replace(answer.Text, ""), "") : answer.Text;
            }
        }
        return snapshot;
    }

    private async Task ForEachIntruder(List<Actor> intruders, Func<Actor, HttpClient, Task> probe) =>
        await Parallel.ForEachAsync(intruders, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (who, _) =>
        {
            using var client = await app.ClientFor(who.UserName, who.Password);
            await probe(who, client);
        });

    private static async Task<Answer> Call(HttpClient client, string method, string url, Route? route = null, Actor? who = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = route is null ? null : Body(route, who!) };
        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var package = bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
        return new Answer(response.StatusCode, package ? await Unpack(bytes) : Encoding.UTF8.GetString(bytes), package);
    }

    /// <summary>An .xlsx or .docx as text: its parts read one after another.</summary>
    private static async Task<string> Unpack(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            text.Append(await reader.ReadToEndAsync()).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A restricted marker anywhere, or a public one outside the routes that are public by design.</summary>
    private static string? Leaked(string text, World world, Route route)
    {
        foreach (var (kind, marker) in world.Markers)
        {
            if (text.Contains(marker, StringComparison.Ordinal))
            {
                return $"the {kind} marker";
            }
        }
        if (!Global.ContainsKey(route.Key))
        {
            foreach (var (kind, marker) in world.PublicMarkers)
            {
                if (text.Contains(marker, StringComparison.Ordinal))
                {
                    return $"the {kind} marker";
                }
            }
        }
        return null;
    }

    /// <summary>The text around where it first differs.</summary>
    private static string Clip(string text, int at) => text[Math.Max(0, at - 80)..Math.Min(text.Length, at + 220)];

    // ---------------------------------------------------------------------------------------------------------------
    // Bodies for the write probe, from the route's schema
    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>The OpenAPI document's schemas, for the bodies (the same document on every host).</summary>
    private static JsonElement? _components;

    private static HttpContent? Body(Route route, Actor who)
    {
        if (route.Method == "DELETE")
        {
            return null;
        }
        if (route.Operation is { } op && op.TryGetProperty("requestBody", out var rb) && rb.TryGetProperty("content", out var content))
        {
            if (content.TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out var schema))
            {
                return JsonContent.Create(Sample(schema, "", who, 0));
            }
            return Upload();
        }
        // Uploads read the form themselves, so the document describes no body for them.
        return route.Template.EndsWith("/files", StringComparison.Ordinal) || route.Template.EndsWith("/report", StringComparison.Ordinal) ? Upload() : null;
    }

    private static MultipartFormDataContent Upload() => new() { { new ByteArrayContent(Png), "file", "intruder.png" } };

    /// <summary>A value of the schema: texts carry a write marker, unit and user ids are the caller's own, times lie ahead.</summary>
    private static JsonNode? Sample(JsonElement schema, string name, Actor who, int depth)
    {
        if (depth > 6)
        {
            return null;
        }
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var id = reference.GetString()!.Split('/')[^1];
            return _components is { } c && c.TryGetProperty(id, out var target) ? Sample(target, name, who, depth + 1) : new JsonObject();
        }
        foreach (var choice in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(choice, out var options))
            {
                var option = options.EnumerateArray().FirstOrDefault(o => !(o.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"));
                return option.ValueKind == JsonValueKind.Undefined ? null : Sample(option, name, who, depth + 1);
            }
        }
        var types = !schema.TryGetProperty("type", out var type) ? []
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var lower = name.ToLowerInvariant();
        if (types.Contains("object") || schema.TryGetProperty("properties", out _))
        {
            var o = new JsonObject();
            if (schema.TryGetProperty("properties", out var props))
            {
                foreach (var p in props.EnumerateObject())
                {
                    o[p.Name] = Sample(p.Value, p.Name, who, depth + 1);
                }
            }
            return o;
        }
        if (types.Contains("array"))
        {
            return new JsonArray();
        }
        if (types.Contains("integer") || types.Contains("number"))
        {
            return 1;
        }
        if (types.Contains("boolean"))
        {
            return true;
        }
        return format switch
        {
            "uuid" when lower.Contains("unit", StringComparison.Ordinal) || lower.Contains("parent", StringComparison.Ordinal) => who.UnitId,
            "uuid" => who.UserId,
            "date-time" => DateTimeOffset.UtcNow.AddDays(3),
            "date" => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"),
            _ => "WRITE-" + Guid.NewGuid().ToString("N")[..8],
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The people
    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>A user of every role at the sibling county 青石县 and at the sibling city 山阳市; leaders with full authority.</summary>
    private async Task<List<Actor>> Intruders() => await app.Once("intruders", async () =>
    {
        var list = new List<Actor>();
        foreach (var (place, code) in new[] { ("青石县", "DJ-LH-QS"), ("山阳市", "DJ-SY") })
        {
            foreach (var role in new[] { "duty-officer", "reporter", "analyst", "leader", "handler", "supervisor", "system-admin", "security-admin", "audit-admin" })
            {
                list.Add(await Person($"{place} {role}", code, role));
            }
        }
        using var sec = await app.ClientFor("secadmin");
        foreach (var leader in list.Where(a => a.Label.EndsWith(" leader", StringComparison.Ordinal)))
        {
            await (await sec.PutAsJsonAsync($"/api/users/{leader.UserId}/authority", new { authority = "PrincipalLeader" })).Ok();
        }
        return list;
    });

    private async Task<Actor> Person(string label, string unitCode, string role)
    {
        var name = Http.NewCode("rs-" + role.Split('-')[0]);
        var id = await Accounts.Create(app, name, unitCode, role);
        return new Actor(label, name, Accounts.Password, id, await app.UnitId(unitCode));
    }

    private static Actor Demo(string userName, string label) => new(label, userName, BeaconFactory.DemoPassword, Guid.Empty, Guid.Empty);

    // ---------------------------------------------------------------------------------------------------------------
    // The county's records
    // ---------------------------------------------------------------------------------------------------------------

    private async Task<World> Arrange(string planType, int shiftDay)
    {
        var w = new World { County = await app.UnitId("DJ-LH-AN") };
        string Mark(string kind, bool listed = true)
        {
            var m = Marker(kind);
            w.Markers[kind] = m;
            if (listed)
            {
                w.Listed.Add(m);
            }
            return m;
        }
        void Id(string segment, string param, object id) => w.Ids[(segment, param.ToLowerInvariant())] = id.ToString()!;
        var town = await app.UnitId("DJ-LH-AN-CG");
        var river = await app.UnitId("DJ-LH-AN-HS");
        var bureau = await app.UnitId("DJ-LH-AN-HC");
        Id("?", "unitId", w.County);

        // The county's own office: an analyst, a leader (head of the unit), a supervisor; the city's analyst drafts warnings.
        var analyst = await Person("安宁县 analyst", "DJ-LH-AN", "analyst");
        var leader = await Person("安宁县 leader", "DJ-LH-AN", "leader");
        var supervisor = await Person("安宁县 supervisor", "DJ-LH-AN", "supervisor");
        var cityAnalyst = await Person("临海市 analyst", "DJ-LH", "analyst");
        using (var sec = await app.ClientFor("secadmin"))
        {
            await (await sec.PutAsJsonAsync($"/api/users/{leader.UserId}/authority", new { authority = "UnitHead" })).Ok();
        }
        w.Owners.AddRange([leader, analyst, supervisor, Demo("duty", "安宁县 duty"), Demo("reporter", "城关镇 reporter"), Demo("handler", "住建局 handler"),
            Demo("leader", "临海市 leader"), cityAnalyst, Demo("sysadmin", "province sysadmin")]);
        using var sys = await app.ClientFor("sysadmin");
        using var an = await app.ClientFor(analyst.UserName, analyst.Password);
        using var head = await app.ClientFor(leader.UserName, leader.Password);
        using var sup = await app.ClientFor(supervisor.UserName, supervisor.Password);
        using var reporter = await app.ClientFor("reporter");
        using var handler = await app.ClientFor("handler");
        using var cityLeader = await app.ClientFor("leader");
        using var city = await app.ClientFor(cityAnalyst.UserName, cityAnalyst.Password);

        // A department of the county, and a duty officer of the county named by a marker.
        var unit = await (await sys.PostAsJsonAsync("/api/units", new { code = Http.NewCode("DJ-LH-AN-MK"), nameZh = Mark("unit"), nameEn = w.Markers["unit"], kind = "department", parentId = w.County }))
            .Ok(HttpStatusCode.Created);
        Id("units", "id", unit.GetProperty("id").GetGuid());
        var user = await (await sys.PostAsJsonAsync("/api/users", new { userName = Http.NewCode("rs-mark"), displayName = Mark("user"), unitId = w.County, password = Accounts.Password }))
            .Ok(HttpStatusCode.Created);
        var userId = user.GetProperty("id").GetGuid();
        Id("users", "id", userId);
        using (var sec = await app.ClientFor("secadmin"))
        {
            await (await sec.PutAsJsonAsync($"/api/users/{userId}/roles", new { roles = new[] { "duty-officer" } })).Ok();
        }

        // The duty roster: a shift of the county with the marked officer on the A post.
        var day = new DateTimeOffset(Today.AddDays(shiftDay).ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(8));
        var shift = await (await head.PostAsJsonAsync("/api/duty-roster", new { unitId = w.County, startsAt = day, endsAt = day.AddHours(8), aPostUserId = userId, headUserId = leader.UserId }))
            .Ok(HttpStatusCode.Created);
        Id("duty-roster", "id", shift.GetProperty("id").GetGuid());

        // A first report from the town, graded by the county, followed up, flagged, sent up and circulated to another town.
        var report = await (await reporter.PostAsJsonAsync("/api/reports", new
        {
            eventTypeCode = "accident.fire",
            occurredAt = Now.AddMinutes(-6),
            learnedAt = Now.AddMinutes(-5),
            place = Mark("report"),
            peopleAffected = 40,
            injuries = 2,
            unitsInvolved = "城关镇、县消防救援大队",
            measuresTaken = "疏散居民40人",
            measuresPlanned = "排查周边建筑",
            contactName = "李信息",
            contactPhone = "13800000000",
        })).Ok(HttpStatusCode.Created);
        var reportId = report.GetProperty("id").GetGuid();
        Id("reports", "id", reportId);
        Id("warnings", "reportId", reportId);
        await (await an.PostAsJsonAsync($"/api/reports/{reportId}/assessment", new { level = 3, summary = Mark("assessment") })).Ok();
        await (await reporter.PostAsJsonAsync($"/api/reports/{reportId}/followups", new { progress = Mark("follow-up", listed: false) })).Ok(HttpStatusCode.Created);
        await (await head.PostAsJsonAsync($"/api/reports/{reportId}/flags", new { kind = "suppressed", reason = Mark("flag", listed: false) })).Ok(HttpStatusCode.Created);
        await (await an.PostAsJsonAsync($"/api/reports/{reportId}/upward", new { note = Mark("upward", listed: false) })).Ok(HttpStatusCode.Created);
        var circulated = await (await head.PostAsJsonAsync($"/api/reports/{reportId}/circulate", new { unitIds = new[] { river }, note = Mark("circulation") }))
            .Ok(HttpStatusCode.Created);
        Id("circulations", "id", circulated[0].GetProperty("id").GetGuid());
        var duty = await app.AsSystem(db => db.Users.Where(u => u.UserName == "duty").Select(u => u.Id).SingleAsync());
        Id("notifications", "id", await app.AsSystem(db => db.Notifications.Where(n => n.RecipientUserId == duty && n.SubjectId == reportId.ToString())
            .Select(n => n.Id).FirstAsync()));

        // A protection period the county declares for its towns, with one daily report.
        var period = await (await an.PostAsJsonAsync("/api/protection-periods", new { name = Mark("protection-period"), startDay = Today, endDay = Today.AddDays(1), unitIds = new[] { town, river } }))
            .Ok(HttpStatusCode.Created);
        var periodId = period.GetProperty("id").GetGuid();
        Id("protection-periods", "id", periodId);
        await (await reporter.PostAsJsonAsync($"/api/protection-periods/{periodId}/daily-reports", new { summary = Mark("daily-report", listed: false) })).Ok(HttpStatusCode.Created);

        // Warnings the city issues to the county only: a restricted one, and a public one (the public feed may show it).
        async Task<Guid> Warn(string headline, bool isPublic)
        {
            var draft = await (await city.PostAsJsonAsync("/api/warnings", new
            {
                eventTypeCode = "natural.flood",
                isPublic,
                content = new
                {
                    colour = "blue",
                    headline,
                    description = "预计未来24小时安宁县降雨量50～100毫米。",
                    publicInstruction = "远离河道。",
                    areaDescription = "安宁县",
                    expires = Now.AddHours(24),
                    urgency = "Expected",
                    certainty = "Likely",
                    areaUnitIds = new[] { w.County },
                },
            })).Ok(HttpStatusCode.Created);
            var id = draft.GetProperty("id").GetGuid();
            await (await cityLeader.PostAsync($"/api/warnings/{id}/approval", null)).Ok();
            return id;
        }
        Id("warnings", "id", await Warn(Mark("warning"), isPublic: false));
        var publicHeadline = Marker("public-warning");
        w.PublicMarkers["public-warning"] = publicHeadline;
        w.Listed.Add(publicHeadline);
        await Warn(publicHeadline, isPublic: true);

        // The county's own plan, and a response of the county: its units only, with a task of the county's bureau and a photo.
        var plan = await (await an.PostAsJsonAsync("/api/plans", new { eventTypeCode = planType == "geo" ? "natural.geological" : "natural.meteorological", name = Mark("plan") }))
            .Ok(HttpStatusCode.Created);
        Id("plans", "id", plan.GetProperty("id").GetGuid());
        var response = await (await head.PostAsJsonAsync("/api/responses", new { level = 4, eventTypeCode = "natural.flood", place = Mark("response"), scope = "城关镇、河口街道" }))
            .Ok(HttpStatusCode.Created);
        var responseId = response.GetProperty("id").GetGuid();
        Id("responses", "id", responseId);
        var withTask = await (await head.PostAsJsonAsync($"/api/responses/{responseId}/tasks", new
        {
            groupCode = "logistics",
            title = Mark("task", listed: false),
            assigneeUnitId = bureau,
            dueAt = Now.AddHours(2),
        })).Ok();
        var taskId = withTask.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("title").GetString() == w.Markers["task"]).GetProperty("id").GetGuid();
        Id("responses", "taskId", taskId);
        await (await handler.PostAsync($"/api/responses/{responseId}/tasks/{taskId}/acceptance", null)).Ok();
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(Png), "file", "现场.png" } })
        {
            var withFile = await (await handler.PostAsync($"/api/responses/{responseId}/tasks/{taskId}/files", form)).Ok();
            Id("responses", "fileId", withFile.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == taskId)
                .GetProperty("files")[0].GetProperty("id").GetGuid());
        }
        await (await head.PostAsJsonAsync($"/api/responses/{responseId}/updates", new { text = Mark("situation-update", listed: false) })).Ok(HttpStatusCode.Created);

        // A hazard in the town with a photo, under rectification with an extension asked for.
        var hazard = await (await reporter.PostAsJsonAsync("/api/hazards", new { domain = "消防", place = Mark("hazard"), description = "安全出口被杂物堵塞。", likelihood = 5, impact = 4 }))
            .Ok(HttpStatusCode.Created);
        var hazardId = hazard.GetProperty("id").GetGuid();
        Id("hazards", "id", hazardId);
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(Png), "file", "现场.png" } })
        {
            Id("hazards", "fileId", (await (await reporter.PostAsync($"/api/hazards/{hazardId}/files", form)).Ok(HttpStatusCode.Created)).GetProperty("id").GetGuid());
        }
        await (await an.PutAsJsonAsync($"/api/hazards/{hazardId}/rectification", new { responsibleUnitId = town, responsiblePerson = "王站长", measures = "清理消防通道。", deadline = Now.AddDays(7) })).Ok();
        var hazardExtension = await (await reporter.PostAsJsonAsync($"/api/hazards/{hazardId}/extensions", new { deadline = Now.AddDays(10), reason = "灭火器到货延迟" })).Ok();
        Id("hazards", "extensionId", hazardExtension.GetProperty("extensions")[0].GetProperty("id").GetGuid());

        // The county's screening plan for the town and the bureau.
        var screening = await (await an.PostAsJsonAsync("/api/screening-plans", new
        {
            kind = "special",
            title = Mark("screening-plan"),
            domains = new[] { "消防" },
            scopeUnitIds = new[] { town, bureau },
            ownerIds = new[] { analyst.UserId },
            startsOn = Today,
            endsOn = Today.AddDays(20),
            recurring = false,
        })).Ok(HttpStatusCode.Created);
        Id("screening-plans", "id", screening.GetProperty("id").GetGuid());
        Id("?", "planId", screening.GetProperty("id").GetGuid());

        // A matter the county's supervision office assigns to its bureau, with evidence and an extension asked for.
        var matter = await (await sup.PostAsJsonAsync("/api/matters", new
        {
            title = Mark("matter"),
            notice = "对辖区内危房开展排查并落实整改措施。",
            handlingUnitId = bureau,
            responsibleLeaderId = leader.UserId,
            handlerId = await app.AsSystem(db => db.Users.Where(u => u.UserName == "handler").Select(u => u.Id).SingleAsync()),
            deadline = Now.AddDays(10),
        })).Ok(HttpStatusCode.Created);
        var matterId = matter.GetProperty("id").GetGuid();
        Id("matters", "id", matterId);
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(Png), "file", "加固完成.png" } })
        {
            Id("matters", "fileId", (await (await handler.PostAsync($"/api/matters/{matterId}/files", form)).Ok(HttpStatusCode.Created)).GetProperty("id").GetGuid());
        }
        var matterExtension = await (await handler.PostAsJsonAsync($"/api/matters/{matterId}/extensions", new { deadline = Now.AddDays(12), reason = "连续降雨" })).Ok();
        Id("matters", "extensionId", matterExtension.GetProperty("extensions")[0].GetProperty("id").GetGuid());

        Id("deadline-policies", "unitId", w.County);
        return w;
    }
}

public sealed class RouteScopeTests_Sqlite(RouteScopeSqliteFactory app, ITestOutputHelper output) : RouteScopeTests(app, output), IClassFixture<RouteScopeSqliteFactory>;

public sealed class RouteScopeTests_Postgres(RouteScopePostgresFactory app, ITestOutputHelper output) : RouteScopeTests(app, output), IClassFixture<RouteScopePostgresFactory>;
