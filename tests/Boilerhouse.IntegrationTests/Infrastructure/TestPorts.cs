using System.Net;
using System.Net.Sockets;

namespace Boilerhouse.IntegrationTests.Infrastructure;

/// <summary>
/// Ports for the hosts the tests start. A port the OS hands out for port 0 comes from the ephemeral
/// range, which every outgoing connection (Docker, sinks, HTTP clients) also draws from: between
/// the probe and the host's bind, one of them can take it and the host fails to start. These ports
/// come from below that range, and one test process never hands out the same port twice.
/// </summary>
public static class TestPorts
{
    private const int First = 20000;
    private const int Last = 32000; // Linux's ephemeral range starts at 32768
    private static readonly HashSet<int> Given = [];

    public static int Free()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(First, Last);
                if (Given.Contains(port) || !CanBind(port))
                {
                    continue;
                }

                Given.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {Last}.");
    }

    /// <summary>The first of <paramref name="count"/> free consecutive ports (a cluster's silos take one each).</summary>
    public static int FreeRange(int count)
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var first = Random.Shared.Next(First, Last - count);
                var range = Enumerable.Range(first, count).ToList();
                if (range.Any(p => Given.Contains(p) || !CanBind(p)))
                {
                    continue;
                }

                Given.UnionWith(range);
                return first;
            }
        }

        throw new InvalidOperationException($"No {count} free consecutive ports between {First} and {Last}.");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
