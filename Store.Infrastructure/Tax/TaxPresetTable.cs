namespace Store.Infrastructure.Tax;

/// <summary>
/// The rate sheet the presets seed, kept in code so a release carries the rates it was reviewed with (sources and
/// dates in the README, "Tax presets"). Rates are those in force on 1 October 2025.
/// US: the state-level base rate only (Tax Foundation, "State and Local Sales Tax Rates, 2025", rates as of
/// 1 January 2025; DC raised its rate from 6 % to 6.5 % on 1 October 2025). Local (county, city, district) rates
/// come on top in most states and need a tax provider. <see cref="TaxRatePreset.TaxesShipping"/> follows each
/// state's general rule for delivery charges stated separately on the invoice.
/// EU and UK: European Commission, "VAT rates applied in the Member States of the European Union" (situation at
/// 1 July 2025), with Romania's rates from 1 August 2025; HMRC for the UK. Every one of them taxes delivery.
/// </summary>
public static class TaxPresetTable
{
    public const string UsSource = "Tax Foundation, State and Local Sales Tax Rates 2025 (state rates as of 1 January 2025); DC from 1 October 2025";
    public const string EuSource = "European Commission, VAT rates applied in the Member States of the EU (1 July 2025); Romania from 1 August 2025";
    public const string UkSource = "HMRC, VAT rates (standard 20 %, reduced 5 %)";

    /// <summary>The 50 states and DC, state-level rates only; the five with no state sales tax are at 0 % and say so.</summary>
    public static IReadOnlyList<TaxRatePreset> UsStates { get; } =
    [
        Us("AL", "Alabama", 4m, shipping: false),
        Us("AK", "Alaska", 0m, shipping: false, "no state sales tax; some boroughs and cities levy their own"),
        Us("AZ", "Arizona", 5.6m, shipping: false),
        Us("AR", "Arkansas", 6.5m, shipping: true),
        Us("CA", "California", 7.25m, shipping: false),
        Us("CO", "Colorado", 2.9m, shipping: false),
        Us("CT", "Connecticut", 6.35m, shipping: true),
        Us("DE", "Delaware", 0m, shipping: false, "no sales tax"),
        Us("DC", "District of Columbia", 6.5m, shipping: true, "6 % until 30 September 2025"),
        Us("FL", "Florida", 6m, shipping: false),
        Us("GA", "Georgia", 4m, shipping: true),
        Us("HI", "Hawaii", 4m, shipping: true, "general excise tax"),
        Us("ID", "Idaho", 6m, shipping: false),
        Us("IL", "Illinois", 6.25m, shipping: false),
        Us("IN", "Indiana", 7m, shipping: true),
        Us("IA", "Iowa", 6m, shipping: false),
        Us("KS", "Kansas", 6.5m, shipping: true),
        Us("KY", "Kentucky", 6m, shipping: true),
        Us("LA", "Louisiana", 5m, shipping: false, "4.45 % until 31 December 2024"),
        Us("ME", "Maine", 5.5m, shipping: false),
        Us("MD", "Maryland", 6m, shipping: false),
        Us("MA", "Massachusetts", 6.25m, shipping: false),
        Us("MI", "Michigan", 6m, shipping: true),
        Us("MN", "Minnesota", 6.875m, shipping: true),
        Us("MS", "Mississippi", 7m, shipping: true),
        Us("MO", "Missouri", 4.225m, shipping: false),
        Us("MT", "Montana", 0m, shipping: false, "no general sales tax; some resort areas levy their own"),
        Us("NE", "Nebraska", 5.5m, shipping: true),
        Us("NV", "Nevada", 6.85m, shipping: false),
        Us("NH", "New Hampshire", 0m, shipping: false, "no sales tax"),
        Us("NJ", "New Jersey", 6.625m, shipping: true),
        Us("NM", "New Mexico", 4.875m, shipping: true, "gross receipts tax"),
        Us("NY", "New York", 4m, shipping: true),
        Us("NC", "North Carolina", 4.75m, shipping: true),
        Us("ND", "North Dakota", 5m, shipping: true),
        Us("OH", "Ohio", 5.75m, shipping: true),
        Us("OK", "Oklahoma", 4.5m, shipping: false),
        Us("OR", "Oregon", 0m, shipping: false, "no sales tax"),
        Us("PA", "Pennsylvania", 6m, shipping: true),
        Us("RI", "Rhode Island", 7m, shipping: true),
        Us("SC", "South Carolina", 6m, shipping: true),
        Us("SD", "South Dakota", 4.2m, shipping: true),
        Us("TN", "Tennessee", 7m, shipping: true),
        Us("TX", "Texas", 6.25m, shipping: true),
        Us("UT", "Utah", 6.1m, shipping: false, "includes the 1.25 % every locality levies"),
        Us("VT", "Vermont", 6m, shipping: true),
        Us("VA", "Virginia", 5.3m, shipping: false, "includes the 1 % every locality levies"),
        Us("WA", "Washington", 6.5m, shipping: true),
        Us("WV", "West Virginia", 6m, shipping: true),
        Us("WI", "Wisconsin", 5m, shipping: true),
        Us("WY", "Wyoming", 4m, shipping: false),
    ];

    /// <summary>The 27 member states: standard rate, and the reduced rate most goods that have one are sold under.</summary>
    public static IReadOnlyList<TaxRatePreset> EuVat { get; } =
    [
        Vat("AT", "Austria", 20m, 10m),
        Vat("BE", "Belgium", 21m, 6m, "also 12 %"),
        Vat("BG", "Bulgaria", 20m, 9m),
        Vat("HR", "Croatia", 25m, 5m, "also 13 %"),
        Vat("CY", "Cyprus", 19m, 5m, "also 9 %"),
        Vat("CZ", "Czechia", 21m, 12m),
        Vat("DK", "Denmark", 25m, 25m, "no reduced rate"),
        Vat("EE", "Estonia", 24m, 9m, "standard 22 % until 30 June 2025; also 13 %"),
        Vat("FI", "Finland", 25.5m, 14m, "also 10 %"),
        Vat("FR", "France", 20m, 5.5m, "also 10 % and 2.1 %"),
        Vat("DE", "Germany", 19m, 7m),
        Vat("GR", "Greece", 24m, 13m, "also 6 %"),
        Vat("HU", "Hungary", 27m, 5m, "also 18 %"),
        Vat("IE", "Ireland", 23m, 13.5m, "also 9 %; most food is zero-rated"),
        Vat("IT", "Italy", 22m, 10m, "also 5 % and 4 %"),
        Vat("LV", "Latvia", 21m, 12m, "also 5 %"),
        Vat("LT", "Lithuania", 21m, 9m, "also 5 %"),
        Vat("LU", "Luxembourg", 17m, 8m, "also 14 % and 3 %"),
        Vat("MT", "Malta", 18m, 5m, "also 7 %"),
        Vat("NL", "Netherlands", 21m, 9m),
        Vat("PL", "Poland", 23m, 8m, "also 5 %"),
        Vat("PT", "Portugal", 23m, 6m, "mainland; also 13 %"),
        Vat("RO", "Romania", 21m, 11m, "19 % and 9 % until 31 July 2025"),
        Vat("SK", "Slovakia", 23m, 5m, "also 19 %"),
        Vat("SI", "Slovenia", 22m, 9.5m, "also 5 %"),
        Vat("ES", "Spain", 21m, 10m, "also 4 %"),
        Vat("SE", "Sweden", 25m, 12m, "also 6 %"),
    ];

    public static TaxRatePreset UkVat { get; } = new("GB", null, "VAT United Kingdom", 20m, 5m, TaxesShipping: true, "most food and children's clothes are zero-rated");

    private static TaxRatePreset Us(string state, string name, decimal rate, bool shipping, string? note = null) =>
        new("US", state, rate == 0m ? $"{name} (no state sales tax)" : $"{name} sales tax", rate, rate, shipping, note);

    private static TaxRatePreset Vat(string country, string name, decimal standard, decimal reduced, string? note = null) =>
        new(country, null, $"VAT {name}", standard, reduced, TaxesShipping: true, note);
}
