using Store.Domain.Common;

namespace Store.Tests.Features.Outbox;

/// <summary>An event of whatever type a test needs, so each test's messages go to that test's handlers only.</summary>
public sealed record TestEvent(string EventType, int Number = 0) : IDomainEvent;
