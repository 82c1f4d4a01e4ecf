using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Store.Infrastructure.Catalog;

public static class ImagesServiceCollectionExtensions
{
    public static IServiceCollection AddStoreImages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImageOptions>()
            .Bind(configuration.GetSection(ImageOptions.Section))
            .PostConfigure<IServiceProvider>((images, provider) =>
            {
                // No host environment outside the web app (tests, tools): the working directory stands in.
                var root = provider.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
                images.Root = Path.GetFullPath(Path.Combine(root, string.IsNullOrWhiteSpace(images.Root) ? ".data/images" : images.Root));
            })
            .Validate(o => o.MaxBytes > 0 && o.MaxSide > 0 && o.MaxPixels > 0, "Store:Images limits are positive numbers.");
        services.AddSingleton<ImageProcessor>();
        services.AddSingleton<ImageStore>();
        services.AddScoped<ProductImageService>();
        return services;
    }
}
