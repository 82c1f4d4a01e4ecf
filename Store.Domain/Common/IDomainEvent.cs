namespace Store.Domain.Common;

/// <summary>Something that happened, to be told to other parts of the store (email, stock alerts, reports) after the change commits.</summary>
public interface IDomainEvent
{
    /// <summary>A stable name, stored with the message: "order.paid". Never the CLR type name, so types can move.</summary>
    string EventType { get; }
}
