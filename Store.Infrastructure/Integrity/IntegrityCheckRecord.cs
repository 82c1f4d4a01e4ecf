namespace Store.Infrastructure.Integrity;

/// <summary>The outcome of one run of the integrity check, so the dashboard can show it without running it again.</summary>
public sealed class IntegrityCheckRecord
{
    private IntegrityCheckRecord()
    {
    }

    public IntegrityCheckRecord(DateTimeOffset checkedAt, int issues, string summary)
    {
        CheckedAt = checkedAt;
        Issues = issues;
        Summary = summary.Length > 2000 ? summary[..2000] : summary;
    }

    public long Id { get; private set; }
    public DateTimeOffset CheckedAt { get; private set; }
    public int Issues { get; private set; }
    public string Summary { get; private set; } = "";
}
