using System.Net;

namespace DeepDream.Tests.Models;

/// <summary>Serves one body for any request, or fails like a machine without network; records what was asked.</summary>
internal sealed class FakeModelServer(byte[] body) : HttpMessageHandler
{
    public bool Offline { get; init; }
    public List<Uri> Requested { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requested) Requested.Add(request.RequestUri!);
        if (Offline) throw new HttpRequestException("offline", new IOException("Name or service not known"));
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
    }
}
