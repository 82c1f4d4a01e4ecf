using Microsoft.Extensions.DependencyInjection;

namespace Store.Infrastructure.Customers;

public static class CustomersServiceCollectionExtensions
{
    /// <summary>
    /// Customer accounts' own data: the address book, and the export and deletion of personal data; and the admin's
    /// customers pages.
    /// </summary>
    public static IServiceCollection AddCustomers(this IServiceCollection services)
    {
        services.AddScoped<AddressBookService>();
        services.AddScoped<PersonalDataService>();
        services.AddScoped<CustomerQueries>();
        services.AddScoped<CustomerAdminService>();
        return services;
    }
}
