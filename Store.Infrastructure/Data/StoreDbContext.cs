using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Store.Domain.Audit;
using Store.Domain.Catalog;
using Store.Domain.Inventory;
using Store.Domain.Ordering;
using Store.Domain.Payments;
using Store.Domain.Search;
using Store.Infrastructure.Data.Configurations;
using Store.Infrastructure.Identity;
using Store.Infrastructure.Outbox;
using Store.Infrastructure.Search;
using CartEntity = Store.Domain.Cart.Cart;
using CartItemEntity = Store.Domain.Cart.CartItem;

namespace Store.Infrastructure.Data;

public sealed class StoreDbContext(DbContextOptions<StoreDbContext> options) : IdentityDbContext<StoreUser>(options), IDataProtectionKeyContext
{
    public const string OrderNumberSequence = "order_numbers";
    public const string PurchaseOrderNumberSequence = "purchase_order_numbers";

    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductVariant> Variants => Set<ProductVariant>();
    public DbSet<Brand> Brands => Set<Brand>();
    public DbSet<ProductOption> ProductOptions => Set<ProductOption>();
    public DbSet<AttributeDefinition> AttributeDefinitions => Set<AttributeDefinition>();
    public DbSet<ProductAttribute> ProductAttributes => Set<ProductAttribute>();
    public DbSet<ProductImage> ProductImages => Set<ProductImage>();
    public DbSet<Domain.Content.ContentPage> ContentPages => Set<Domain.Content.ContentPage>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<InventoryLevel> Inventory => Set<InventoryLevel>();
    public DbSet<StockReservation> StockReservations => Set<StockReservation>();
    public DbSet<StockMovement> StockMovements => Set<StockMovement>();
    public DbSet<Supplier> Suppliers => Set<Supplier>();
    public DbSet<PurchaseOrder> PurchaseOrders => Set<PurchaseOrder>();
    public DbSet<OrderStatusChange> OrderStatusChanges => Set<OrderStatusChange>();
    public DbSet<CartEntity> Carts => Set<CartEntity>();
    public DbSet<CartItemEntity> CartItems => Set<CartItemEntity>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderItem> OrderItems => Set<OrderItem>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<PaymentDispute> PaymentDisputes => Set<PaymentDispute>();
    public DbSet<PickList> PickLists => Set<PickList>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ProcessedWebhookEvent> ProcessedWebhookEvents => Set<ProcessedWebhookEvent>();
    public DbSet<SearchSynonym> SearchSynonyms => Set<SearchSynonym>();
    public DbSet<SearchLogEntry> SearchLog => Set<SearchLogEntry>();
    public DbSet<Tax.StoredTaxZone> TaxZones => Set<Tax.StoredTaxZone>();
    public DbSet<Shipping.StoredShippingZone> ShippingZones => Set<Shipping.StoredShippingZone>();
    public DbSet<Shipping.StoredShippingMethod> ShippingMethods => Set<Shipping.StoredShippingMethod>();
    public DbSet<Pricing.StoredSalePrice> SalePrices => Set<Pricing.StoredSalePrice>();
    public DbSet<Pricing.StoredCustomerGroupPrice> CustomerGroupPrices => Set<Pricing.StoredCustomerGroupPrice>();
    public DbSet<Pricing.StoredQuantityTier> QuantityTiers => Set<Pricing.StoredQuantityTier>();
    public DbSet<Pricing.StoredMarkdownRule> MarkdownRules => Set<Pricing.StoredMarkdownRule>();
    public DbSet<Pricing.StoredMarkdown> Markdowns => Set<Pricing.StoredMarkdown>();
    public DbSet<Domain.Shipping.Shipment> Shipments => Set<Domain.Shipping.Shipment>();
    public DbSet<Shipping.StoredCarrierLabel> CarrierLabels => Set<Shipping.StoredCarrierLabel>();
    public DbSet<OrderTaxLine> OrderTaxLines => Set<OrderTaxLine>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<Ordering.InvoiceCounter> InvoiceCounters => Set<Ordering.InvoiceCounter>();
    public DbSet<Promotions.StoredPromotion> Promotions => Set<Promotions.StoredPromotion>();
    public DbSet<Promotions.PromotionRedemption> PromotionRedemptions => Set<Promotions.PromotionRedemption>();
    public DbSet<Settings.StoredSetting> Settings => Set<Settings.StoredSetting>();
    public DbSet<Settings.Providers.StoredProviderSetting> ProviderSettings => Set<Settings.Providers.StoredProviderSetting>();
    public DbSet<Domain.Customers.SavedAddress> SavedAddresses => Set<Domain.Customers.SavedAddress>();

    /// <summary>Cookie and antiforgery keys, shared by every instance and kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasSequence<long>(OrderNumberSequence).StartsAt(10001);
        builder.HasSequence<long>(PurchaseOrderNumberSequence).StartsAt(1001);
        builder.ApplyConfigurationsFromAssembly(typeof(StoreDbContext).Assembly);
    }
}
