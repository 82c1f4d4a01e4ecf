using System.Buffers.Binary;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Store.Infrastructure.Caching;

/// <summary>
/// A catalog entry as the second level keeps it: when it expires (so an instance that reads it keeps it no longer than
/// the one that loaded it did), then the value as JSON.
/// </summary>
public static class SecondLevelSerializer
{
    // Strict: an entry of another shape is a miss to load again, never a value with its fields left empty.
    private static readonly JsonSerializerOptions Json = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { KeepEverythingStored } },
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static byte[] Serialize<T>(T value, DateTimeOffset expires)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, Json);
        var bytes = new byte[sizeof(long) + json.Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, expires.ToUnixTimeMilliseconds());
        json.CopyTo(bytes, sizeof(long));
        return bytes;
    }

    /// <summary>False for anything that is not such an entry of <typeparamref name="T"/>: the caller loads it instead.</summary>
    public static bool TryDeserialize<T>(byte[] bytes, out T? value, out DateTimeOffset expires)
    {
        value = default;
        expires = default;
        if (bytes.Length < sizeof(long))
        {
            return false;
        }

        try
        {
            expires = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(bytes));
            value = JsonSerializer.Deserialize<T>(bytes.AsSpan(sizeof(long)), Json);
            return true;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    // The summaries hide their pictures from the API's JSON with [JsonIgnore], but a cached page must keep them: an
    // ignored property that can be set is stored. A property computed from the others is not: it is computed again.
    private static void KeepEverythingStored(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.Get is null && property.Set is null && property.AttributeProvider is PropertyInfo { CanRead: true, CanWrite: true } hidden)
            {
                property.Get = hidden.GetValue;
                property.Set = hidden.SetValue;
                property.ShouldSerialize = null;
            }
            else if (property.Set is null && property.AssociatedParameter is null)
            {
                property.ShouldSerialize = static (_, _) => false;
            }
        }
    }
}
