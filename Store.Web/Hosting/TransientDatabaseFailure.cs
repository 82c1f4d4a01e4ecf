using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Store.Web.Hosting;

/// <summary>
/// Whether a failure means "the database is away for now" (restarting, failing over, out of connections) rather
/// than a bug: the request may succeed if sent again in a moment, so it is answered 503, never 500.
/// </summary>
public static class TransientDatabaseFailure
{
    public static bool Is(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            switch (exception)
            {
                // EF gave up after its retries: the last attempt's cause was transient by definition.
                case RetryLimitExceededException:
                    return true;
                case PostgresException postgres:
                    return postgres.IsTransient || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal);
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case SocketException or TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
