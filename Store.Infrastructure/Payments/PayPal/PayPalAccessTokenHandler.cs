using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Store.Domain.Common;

namespace Store.Infrastructure.Payments.PayPal;

/// <summary>
/// Puts PayPal's OAuth access token on every call of the generated clients. The token comes from the
/// client-credentials grant (POST /v1/oauth2/token, the token URL of the descriptions' OAuth2 security scheme,
/// which is not itself one of their operations) and is reused until a minute before it expires: PayPal issues
/// tokens for about nine hours and rate-limits the token endpoint. A 401 means PayPal revoked it early, so the
/// token is dropped and the call sent once more with a fresh one.
/// </summary>
public sealed class PayPalAccessTokenHandler(PayPalOptions options, IClock clock) : DelegatingHandler
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? token;
    private DateTimeOffset expiresAt;

    /// <summary>How many tokens were fetched: the tests check that calls share one.</summary>
    public int TokensIssued { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = await TokenAsync(null, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", current);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(current, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<string> TokenAsync(string? rejected, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (token is not null && token != rejected && clock.UtcNow < expiresAt - Margin)
            {
                return token;
            }

            // Sent below the client, so the client's base address does not apply.
            using var ask = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(options.ApiBase.TrimEnd('/') + "/"), "v1/oauth2/token"))
            {
                Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            };
            ask.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}")));
            using var response = await base.SendAsync(ask, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"PayPal refused the client credentials ({(int)response.StatusCode}): {body}", null, response.StatusCode);
            }

            using var json = JsonDocument.Parse(body);
            token = json.RootElement.GetProperty("access_token").GetString();
            expiresAt = clock.UtcNow.AddSeconds(json.RootElement.GetProperty("expires_in").GetInt64());
            TokensIssued++;
            return token!;
        }
        finally
        {
            gate.Release();
        }
    }
}
