namespace Store.Domain.Common;

public interface IClock
{
    DateTimeOffset UtcNow { get; }
}
