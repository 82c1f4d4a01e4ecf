using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Domain.Payments;
using Store.Domain.Settings;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Caching;
using Store.Infrastructure.Data;
using Store.Infrastructure.Payments;
using Store.Infrastructure.Shipping.Carriers;

namespace Store.Infrastructure.Settings.Providers;

/// <summary>
/// The owner's provider credentials and payment methods: read as the settings page shows them (secrets masked), and
/// saved (checked, secrets encrypted with Data Protection, audited) to provider_settings. A save applies on this
/// instance at once and is announced to the others.
/// </summary>
public sealed class ProviderSettingsService(
    StoreDbContext db,
    ProviderSettingsSource source,
    IOptionsMonitor<PaymentOptions> payments,
    IOptionsMonitor<CarrierOptions> carriers,
    IEnumerable<IValidateOptions<PaymentOptions>> paymentChecks,
    PaymentGateways gateways,
    AuditLog audit,
    ICacheBackplane backplane,
    IClock clock)
{
    public const int MaxLength = 2000;

    public Task<ProviderSettingsView> ListAsync(CancellationToken ct = default)
    {
        var saved = source.Values;
        var paymentOptions = payments.CurrentValue;
        var carrierOptions = carriers.CurrentValue;
        var offered = gateways.Offered;
        var providers = ProviderDescriptors.All.Select(p =>
        {
            object root = p.Kind == ProviderKind.Payment ? paymentOptions : carrierOptions;
            var fields = p.Fields.Select(f =>
            {
                var value = ProviderOptionsReader.Read(root, f.Key);
                var from = source.IsConfigured(f.Key) ? SettingSource.Configuration : saved.ContainsKey(f.Key) ? SettingSource.Database : SettingSource.Default;
                return new ProviderFieldView(f, f.Secret ? SecretMask.Mask(value) : value, value.Length > 0, from);
            }).ToList();
            return new ProviderView(p, ProviderOptionsReader.IsConfigured(p, root), offered.Contains(p.Code), fields);
        }).ToList();

        var lockedBy = source.IsConfigured(ProviderDescriptors.MethodsKey) ? ProviderDescriptors.MethodsKey
            : source.ConfiguredSingleProvider is not null ? "Payments:Provider"
            : null;
        var chosen = PaymentMethods.Parse(paymentOptions.Methods) is { Count: > 0 } list ? list : [paymentOptions.Provider];
        var available = new[] { PaymentMethods.Test }.Concat(providers.Where(p => p.Provider.Kind == ProviderKind.Payment && p.Configured).Select(p => p.Provider.Code)).ToList();
        var methodsSource = lockedBy is not null ? SettingSource.Configuration : saved.ContainsKey(ProviderDescriptors.MethodsKey) ? SettingSource.Database : SettingSource.Default;
        return Task.FromResult(new ProviderSettingsView(providers, new PaymentMethodsView(chosen, offered, available, methodsSource, lockedBy)));
    }

    /// <summary>
    /// Saves the changed values by key (an empty value removes the saved one: a secret is then gone, a plain field back
    /// to its default). A key configuration sets is refused, and so is a set that would leave the configured
    /// provider without what it needs; nothing is written then.
    /// </summary>
    public async Task<Result<int>> SaveAsync(IReadOnlyDictionary<string, string?> values, string actor, CancellationToken ct = default)
    {
        var saved = source.Values;
        var candidate = new Dictionary<string, string>(saved, StringComparer.Ordinal);
        var changes = new Dictionary<string, (string Before, string After)>(StringComparer.Ordinal);
        foreach (var (key, raw) in values)
        {
            if (!ProviderDescriptors.IsKnown(key))
            {
                return DomainError.Invalid("providers.unknown", $"'{key}' is not a provider setting.");
            }

            var field = ProviderDescriptors.FindField(key);
            var checkedValue = Check(field, key, (raw ?? "").Trim());
            if (!checkedValue.IsSuccess)
            {
                return checkedValue.Error!;
            }

            var value = checkedValue.Value;
            var before = saved.GetValueOrDefault(key) ?? "";
            if (value == before || (before.Length == 0 && value == Effective(key)))
            {
                continue;
            }

            if (source.IsConfigured(key) || (key == ProviderDescriptors.MethodsKey && source.ConfiguredSingleProvider is not null))
            {
                return DomainError.Conflict("providers.locked", $"{Label(key)} is set by the server's configuration and cannot be changed here.");
            }

            changes[key] = field?.Secret == true ? (SecretMask.Mask(before), SecretMask.Mask(value)) : (before, value);
            if (value.Length == 0)
            {
                candidate.Remove(key);
            }
            else
            {
                candidate[key] = value;
            }
        }

        if (changes.Count == 0)
        {
            return 0;
        }

        // The options the store would run with: a failure here would otherwise surface on every request after the save.
        var options = new PaymentOptions();
        source.Bind(candidate, PaymentOptions.Section, options);
        source.BindConfiguration(PaymentOptions.Section, options);
        foreach (var check in paymentChecks)
        {
            if (check.Validate(Microsoft.Extensions.Options.Options.DefaultName, options) is { Failed: true } failed)
            {
                return DomainError.Invalid("providers.incomplete", failed.FailureMessage);
            }
        }

        var keys = changes.Keys.ToList();
        var rows = await db.ProviderSettings.Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, ct);
        foreach (var key in keys)
        {
            var secret = ProviderDescriptors.FindField(key)?.Secret == true;
            var stored = candidate.TryGetValue(key, out var plain) ? (secret ? source.Protector.Protect(plain) : plain) : null;
            if (stored is null)
            {
                if (rows.TryGetValue(key, out var gone))
                {
                    db.ProviderSettings.Remove(gone);
                }
            }
            else if (rows.TryGetValue(key, out var row))
            {
                row.Change(stored, secret, actor, clock.UtcNow);
            }
            else
            {
                db.ProviderSettings.Add(new StoredProviderSetting(key, stored, secret, actor, clock.UtcNow));
            }
        }

        audit.Record(actor, "settings.providers.changed", "settings", "providers", changes.ToDictionary(c => c.Key, c => new { c.Value.Before, c.Value.After }));
        await db.SaveChangesAsync(ct);
        await source.ReloadAsync(ct);
        backplane.Publish(CacheNames.Providers);
        return changes.Count;
    }

    private static Result<string> Check(ProviderField? field, string key, string value)
    {
        if (value.Length > MaxLength)
        {
            return DomainError.Invalid("providers.too-long", $"{Label(key)} is at most {MaxLength} characters.");
        }

        if (field is null)
        {
            var methods = PaymentMethods.Parse(value);
            var unknown = methods.FirstOrDefault(m => m != PaymentMethods.Test && ProviderDescriptors.Find(m) is not { Kind: ProviderKind.Payment });
            return unknown is null
                ? string.Join(",", methods)
                : DomainError.Invalid("providers.method", $"'{unknown}' is not a payment method (test, {string.Join(", ", ProviderDescriptors.Payments.Select(p => p.Code))}).");
        }

        if (value.Length == 0)
        {
            return value;
        }

        return field.Kind switch
        {
            ProviderFieldKind.Url when !IsAcceptableUrl(value) =>
                DomainError.Invalid("providers.url", $"{field.Label} is an https:// address (http:// only on this machine)."),
            ProviderFieldKind.Number when !int.TryParse(value, out _) => DomainError.Invalid("providers.number", $"{field.Label} is a whole number."),
            ProviderFieldKind.Switch when !bool.TryParse(value, out _) => DomainError.Invalid("providers.switch", $"{field.Label} is true or false."),
            _ => value,
        };
    }

    // Credentials travel to this address: plain http only to a server on this machine (a local stand-in).
    private static bool IsAcceptableUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    private static string Label(string key) =>
        ProviderDescriptors.FindField(key) is { } f
            ? $"{ProviderDescriptors.All.First(p => p.Fields.Contains(f)).Name}: {f.Label}"
            : "The payment methods";

    private string Effective(string key) =>
        ProviderDescriptors.FindField(key) is null ? ""
        : key.StartsWith("Payments:", StringComparison.Ordinal) ? ProviderOptionsReader.Read(payments.CurrentValue, key)
        : ProviderOptionsReader.Read(carriers.CurrentValue, key);
}
