namespace Store.Infrastructure.Pricing;

/// <summary>
/// One markdown the job started on one variant: open while <see cref="EndedAt"/> is null. A partial unique index allows
/// one open markdown per rule and variant, so two evaluations racing cannot start it twice. The percentage is copied
/// from the rule when it starts; editing the rule changes open markdowns at the next evaluation.
/// </summary>
public sealed class StoredMarkdown
{
    private StoredMarkdown()
    {
    }

    public StoredMarkdown(int ruleId, int variantId, string ruleName, decimal percentOff, DateTimeOffset now)
    {
        RuleId = ruleId;
        VariantId = variantId;
        RuleName = ruleName;
        PercentOff = percentOff;
        StartedAt = now;
    }

    public long Id { get; private set; }
    public int RuleId { get; private set; }
    public int VariantId { get; private set; }
    public string RuleName { get; private set; } = "";
    public decimal PercentOff { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public string? EndReason { get; private set; }

    /// <summary>Follows an edited rule; true when something changed.</summary>
    public bool Follow(string ruleName, decimal percentOff)
    {
        if (RuleName == ruleName && PercentOff == percentOff)
        {
            return false;
        }

        RuleName = ruleName;
        PercentOff = percentOff;
        return true;
    }

    public void End(string reason, DateTimeOffset now)
    {
        EndedAt = now;
        EndReason = reason;
    }
}
