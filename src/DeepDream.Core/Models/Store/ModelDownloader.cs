using System.Security.Cryptography;
using DeepDream.Models.Catalog;

namespace DeepDream.Models.Store;

/// <summary>
/// Downloads a pinned model file over HTTPS: streamed to a temporary file, checked against the pinned size and
/// SHA-256 as it arrives, and moved into place only when both match.
/// </summary>
internal sealed class ModelDownloader(HttpClient http)
{
    /// <summary>A download that delivers nothing for this long is given up.</summary>
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    private const int ReportEveryBytes = 1 << 20;

    /// <summary>Fetches <paramref name="source"/> to <paramref name="destination"/>; throws <see cref="ModelStoreException"/> saying why not.</summary>
    public async Task DownloadAsync(HttpModelSource source, string destination, IProgress<InstallProgress>? progress, CancellationToken cancellation)
    {
        if (source.Url.Scheme != Uri.UriSchemeHttps) throw new ModelStoreException($"{source.Url}: only HTTPS downloads are allowed");
        var partial = destination + ".part";
        try
        {
            await FetchVerifiedAsync(source, partial, progress, cancellation);
            File.Move(partial, destination);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !cancellation.IsCancellationRequested)
        {
            throw new ModelStoreException($"download of {source.Url} failed ({Describe(ex)})", ex);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private async Task FetchVerifiedAsync(HttpModelSource source, string partial, IProgress<InstallProgress>? progress, CancellationToken cancellation)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        stall.CancelAfter(StallTimeout);
        using var response = await http.GetAsync(source.Url, HttpCompletionOption.ResponseHeadersRead, stall.Token);
        if (!response.IsSuccessStatusCode)
            throw new ModelStoreException($"download of {source.Url} failed (HTTP {(int)response.StatusCode} {response.ReasonPhrase})");
        if (response.Content.Headers.ContentLength is { } announced && announced != source.Size)
            throw new ModelStoreException($"{source.Url}: the server offers {announced} bytes, expected {source.Size}; nothing was installed");

        await using var body = await response.Content.ReadAsStreamAsync(stall.Token);
        await using var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long received = 0, reported = 0;
        progress?.Report(new InstallProgress($"downloading {source.FileName}", 0, source.Size));
        while (true)
        {
            stall.CancelAfter(StallTimeout);
            int read = await body.ReadAsync(buffer, stall.Token);
            if (read == 0) break;
            received += read;
            if (received > source.Size)
                throw new ModelStoreException($"{source.Url}: more than the expected {source.Size} bytes; nothing was installed");
            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellation);
            if (received - reported >= ReportEveryBytes)
            {
                reported = received;
                progress?.Report(new InstallProgress($"downloading {source.FileName}", received, source.Size));
            }
        }
        if (received != source.Size)
            throw new ModelStoreException($"{source.Url}: download ended after {received} of {source.Size} bytes; nothing was installed");
        var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (!string.Equals(sha256, source.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelStoreException($"{source.Url}: checksum mismatch (SHA-256 {sha256}, expected {source.Sha256}); nothing was installed");
        progress?.Report(new InstallProgress($"downloaded {source.FileName}", received, source.Size));
    }

    private static string Describe(Exception ex) => ex switch
    {
        OperationCanceledException => $"no data for {StallTimeout.TotalSeconds:0} seconds",
        HttpRequestException { InnerException: { } inner } => inner.Message,
        _ => ex.Message,
    };
}
