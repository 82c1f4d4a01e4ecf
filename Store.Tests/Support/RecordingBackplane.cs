using System.Collections.Concurrent;
using Store.Infrastructure.Caching;

namespace Store.Tests.Support;

/// <summary>The caches' messages to other instances, kept instead of sent (unit tests of one cache, no database).</summary>
public sealed class RecordingBackplane : ICacheBackplane
{
    public ConcurrentQueue<string> Published { get; } = new();

    public void Publish(string cache) => Published.Enqueue(cache);
}
