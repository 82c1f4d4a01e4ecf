namespace Store.Infrastructure.Notifications;

/// <summary>
/// This instance's admin circuits and the alerts heard from the database. An alert can be heard twice (the outbox
/// delivers at least once), so the most recent ids are remembered and a repeat is dropped.
/// </summary>
public sealed class AdminAlerts
{
    private const int Remembered = 256;
    private readonly Lock gate = new();
    private readonly List<Func<AdminAlert, Task>> subscribers = [];
    private readonly HashSet<Guid> seen = [];
    private readonly Queue<Guid> seenOrder = new();

    public IDisposable Subscribe(Func<AdminAlert, Task> onAlert)
    {
        lock (gate)
        {
            subscribers.Add(onAlert);
        }

        return new Subscription(this, onAlert);
    }

    public async Task PublishAsync(AdminAlert alert)
    {
        Func<AdminAlert, Task>[] targets;
        lock (gate)
        {
            if (!seen.Add(alert.Id))
            {
                return;
            }

            seenOrder.Enqueue(alert.Id);
            if (seenOrder.Count > Remembered)
            {
                seen.Remove(seenOrder.Dequeue());
            }

            targets = [.. subscribers];
        }

        foreach (var target in targets)
        {
            try
            {
                await target(alert);
            }
            catch (ObjectDisposedException)
            {
                // A circuit closed while the alert was on its way: nobody is left on that page to tell.
            }
        }
    }

    private void Unsubscribe(Func<AdminAlert, Task> onAlert)
    {
        lock (gate)
        {
            subscribers.Remove(onAlert);
        }
    }

    private sealed class Subscription(AdminAlerts alerts, Func<AdminAlert, Task> onAlert) : IDisposable
    {
        public void Dispose() => alerts.Unsubscribe(onAlert);
    }
}
