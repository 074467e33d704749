using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Beacon.IntegrationTests.Infrastructure;

/// <summary>A real HTTP server on 127.0.0.1 that records what it receives and can be told to fail.</summary>
public sealed class HttpSink : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpSink(WebApplication app) => _app = app;

    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);
    }

    public string Url { get; private set; } = "";
    public ConcurrentQueue<Received> Requests { get; } = new();
    /// <summary>0 answers 200; anything else is the status to answer with (a gateway that is down).</summary>
    public int FailWith { get; set; }
    /// <summary>What a GET is answered with (e.g. a CAP document a poller fetches), as application/cap+xml.</summary>
    public string? Serve { get; set; }

    public static async Task<HttpSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new HttpSink(app);
        app.Run(async http =>
        {
            using var ms = new MemoryStream();
            await http.Request.Body.CopyToAsync(ms);
            sink.Requests.Enqueue(new Received(http.Request.Path, http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), ms.ToArray()));
            http.Response.StatusCode = sink.FailWith == 0 ? StatusCodes.Status200OK : sink.FailWith;
            if (sink.FailWith == 0 && sink.Serve is { } body && HttpMethods.IsGet(http.Request.Method))
            {
                http.Response.ContentType = "application/cap+xml";
                await http.Response.WriteAsync(body);
            }
        });
        await app.StartAsync();
        sink.Url = app.Urls.First();
        return sink;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>A minimal SMTP server on 127.0.0.1 that accepts every message and keeps it.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public int Port { get; private set; }
    public ConcurrentQueue<string> Messages { get; } = new();

    public static SmtpSink Start()
    {
        var sink = new SmtpSink();
        sink._listener.Start();
        sink.Port = ((IPEndPoint)sink._listener.LocalEndpoint).Port;
        sink._loop = Task.Run(sink.AcceptLoop);
        return sink;
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 sink ESMTP");
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-sink");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } l && l != ".")
                        {
                            data.AppendLine(l.StartsWith("..", StringComparison.Ordinal) ? l[1..] : l);
                        }
                        Messages.Enqueue(data.ToString());
                        await writer.WriteLineAsync("250 queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        if (_loop is not null)
        {
            await _loop;
        }
        _stop.Dispose();
    }
}
