using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Store.Web.Security;

/// <summary>
/// Caps request bodies: a declared Content-Length over the limit is answered 413 at once (ProblemDetails), and a
/// body that grows past it while being read (chunked) makes the server stop reading it, which the exception
/// handler turns into the same 413. Uploads in the admin go through the Blazor circuit, which caps them by file.
/// </summary>
public static class RequestSizeLimits
{
    public static IApplicationBuilder UseRequestSizeLimits(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var options = http.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value;
            var limit = StoreWebExtensions.IsApi(http.Request) ? options.ApiMaxBodyBytes : options.MaxBodyBytes;
            if (http.Request.ContentLength > limit)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Title = "The request body is too large.",
                        Detail = $"At most {limit} bytes are accepted here.",
                    },
                });
                return;
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }
            else if (http.Request.ContentLength is null)
            {
                // A server without the feature (the in-memory test server, some proxies' adapters): count it here.
                http.Request.Body = new LimitedStream(http.Request.Body, limit);
            }

            await next(http);
        });

    /// <summary>Reads the body through, failing as Kestrel does (a 413 BadHttpRequestException) past the limit.</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int bytes)
        {
            read += bytes;
            if (read > limit)
            {
                throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
            }

            return bytes;
        }
    }
}
