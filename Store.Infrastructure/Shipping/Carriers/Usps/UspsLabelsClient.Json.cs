using System.Net.Http.Headers;

namespace Store.Infrastructure.Shipping.Carriers.Usps.Generated.Labels;

/// <summary>
/// The one call the generator cannot make as USPS answers it. Labels' 200 is multipart (metadata, then the base64
/// image) unless the request asks for <c>application/vnd.usps.labels+json</c>, when it is one JSON object
/// (<see cref="LabelVendorResponse"/>: the metadata with the image inline). NSwag reads only the multipart shape, so this
/// sends the generated <see cref="LabelRequest"/> with that Accept header and reads the generated response type with
/// the generated serializer settings; errors come back as the generated exception, as from every other call.
/// </summary>
public partial class UspsLabelsClient
{
    public const string LabelsJson = "application/vnd.usps.labels+json";

    public async Task<LabelVendorResponse> PostLabelAsJsonAsync(string paymentAuthorizationToken, LabelRequest body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("label", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("X-Payment-Authorization-Token", paymentAuthorizationToken);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(LabelsJson));
        request.Content = new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerSettings));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => h.Value);
        var status = (int)response.StatusCode;
        if (status == 200)
        {
            var label = await ReadObjectResponseAsync<LabelVendorResponse>(response, headers, ct);
            return label.Object ?? throw new UspsLabelsClientException("USPS answered a label request with no body.", status, label.Text, headers, null);
        }

        var text = await response.Content.ReadAsStringAsync(ct);
        throw new UspsLabelsClientException($"USPS refused the label ({status}): {text}", status, text, headers, null);
    }
}
