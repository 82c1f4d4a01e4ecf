using Store.Domain.Common;

namespace Store.Domain.Pricing;

/// <summary>
/// A markdown the markdown job has started on one variant and not yet ended. Prices read the recorded markdown, not
/// the rule's live condition, so the price a shopper sees is the one the audit log says was started, and it stays put
/// between two evaluations.
/// </summary>
public sealed record ActiveMarkdown(int VariantId, string RuleName, Percent Off);
