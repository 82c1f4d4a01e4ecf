using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Store.Infrastructure.Notifications;

/// <summary>
/// LISTENs on <see cref="AdminAlert.Channel"/> over a connection of its own (a pooled one would be reset and lose the
/// LISTEN) and hands each alert to this instance's admin pages. Reconnects with a growing pause, at most 5 s; alerts
/// sent while it was away are lost, which is fine for a notice (the dashboard and the lists still show everything).
/// </summary>
public sealed class AdminAlertListener(string connectionString, AdminAlerts alerts, ILogger<AdminAlertListener> logger) : BackgroundService
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(5);

    /// <summary>Set once the LISTEN is in place: tests wait for it before they make something happen.</summary>
    public TaskCompletionSource Listening { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static string ListenerConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            KeepAlive = 5,
            MaxAutoPrepare = 0,
            ApplicationName = "store-admin-alerts",
        }.ConnectionString;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) => OnMessage(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {AdminAlert.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Listening.TrySetResult();
                pause = TimeSpan.FromMilliseconds(250);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Admin alert listener lost its connection; retrying in {Pause}", pause);
                try
                {
                    await Task.Delay(pause, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }
    }

    private void OnMessage(string payload)
    {
        AdminAlert? alert;
        try
        {
            alert = JsonSerializer.Deserialize<AdminAlert>(payload, Outbox.Outbox.Json);
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "Unreadable admin alert ignored");
            return;
        }

        if (alert is not null)
        {
            // Off the connection's thread: a slow circuit must not hold up the next notification.
            _ = Task.Run(() => alerts.PublishAsync(alert));
        }
    }
}
