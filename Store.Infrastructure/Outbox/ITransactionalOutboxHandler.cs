namespace Store.Infrastructure.Outbox;

/// <summary>
/// A handler whose every effect is a write in the dispatcher's transaction (a NOTIFY included: PostgreSQL sends it at
/// commit): nothing leaves the database before the message is marked done. Messages whose handlers are all of this
/// kind are handled many to a transaction, since a rollback undoes the whole batch and repeats nothing outside.
/// </summary>
public interface ITransactionalOutboxHandler : IOutboxHandler;
