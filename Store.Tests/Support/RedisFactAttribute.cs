namespace Store.Tests.Support;

/// <summary>A test against a real redis-server: skipped with the reason where there is none and this is not CI.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute() => Skip = RedisServer.SkipReason;
}
