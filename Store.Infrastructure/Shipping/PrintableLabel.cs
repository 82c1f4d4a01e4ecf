namespace Store.Infrastructure.Shipping;

/// <summary>A label as served to staff: its bytes, their media type and the file extension ("pdf", "zpl").</summary>
public sealed record PrintableLabel(byte[] Content, string ContentType, string Extension);
