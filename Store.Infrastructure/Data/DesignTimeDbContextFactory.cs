using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Store.Infrastructure.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web app or reaching a server.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<StoreDbContext>
{
    public StoreDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StoreDbContext>()
            .UseNpgsql("Host=localhost;Database=store_design")
            .UseSnakeCaseNamingConvention()
            .Options);
}
