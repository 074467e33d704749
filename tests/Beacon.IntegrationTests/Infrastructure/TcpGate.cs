using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Beacon.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP forwarder on 127.0.0.1 in front of a real server that a test can shut: closing it cuts every open connection
/// and turns new ones away, as a database that crashed or restarts does; opening it lets traffic through again.
/// </summary>
public sealed class TcpGate : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<TcpClient, byte> _live = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _host;
    private readonly int _port;
    private volatile bool _open = true;

    public TcpGate(string host, int port)
    {
        _host = host;
        _port = port;
        _listener.Start();
        _ = AcceptLoop();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Close()
    {
        _open = false;
        foreach (var client in _live.Keys)
        {
            client.Close();
        }
        _live.Clear();
    }

    public void Open() => _open = true;

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            if (!_open)
            {
                client.Close();
                continue;
            }
            _ = Forward(client);
        }
    }

    private async Task Forward(TcpClient client)
    {
        var upstream = new TcpClient();
        _live[client] = 0;
        _live[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(_host, _port, _stop.Token);
            var a = client.GetStream();
            var b = upstream.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
        }
        catch (Exception)
        {
            // A cut connection ends here; the client sees it as the server going away.
        }
        finally
        {
            _live.TryRemove(client, out _);
            _live.TryRemove(upstream, out _);
            client.Close();
            upstream.Close();
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Close();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
