# The store as one container image.
#   docker build -t store .                      (or: podman build -t store .)
#   docker run -p 8080:8080 -e ConnectionStrings__Store='Host=…;Database=store;Username=…;Password=…' store
# See "Run it in production" in README.md, and compose.yaml for the store with its PostgreSQL.
#
# Two build arguments exist for machines that cannot reach a registry (./store.sh image, scripts/image.sh):
#   APP_SOURCE=prebuilt  takes `dotnet publish` output made on the host (folder app/ of the build context)
#                        instead of compiling in the SDK image;
#   RUNTIME_IMAGE        a local stand-in for the ASP.NET image (Debian bookworm and the same .NET runtime).
# Both paths end in the same runtime stage below, so the image tested locally is laid out as the official one.
ARG APP_SOURCE=sdk
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS app-sdk
# Set by BuildKit and Podman (amd64, arm64): the publish carries only that platform's native libraries.
ARG TARGETARCH
WORKDIR /src
# Restore from the project files alone first, so a code change does not download the packages again.
COPY Directory.Build.props Directory.Packages.props ./
COPY Store.Domain/Store.Domain.csproj Store.Domain/
COPY Store.Infrastructure/Store.Infrastructure.csproj Store.Infrastructure/
COPY Store.Web/Store.Web.csproj Store.Web/
RUN dotnet restore Store.Web/Store.Web.csproj -a "$TARGETARCH"
COPY . .
RUN dotnet publish Store.Web/Store.Web.csproj -c Release -a "$TARGETARCH" --self-contained false --no-restore -o /app

FROM scratch AS app-prebuilt
COPY app/ /app/

FROM app-${APP_SOURCE} AS app

FROM ${RUNTIME_IMAGE} AS runtime
# curl answers the HEALTHCHECK (the official ASP.NET image has none; the local base already has it). Uploaded
# pictures, without SMTP outgoing mail, and the generated Data Protection certificate (when none is given) go to
# volumes owned by the non-root user the store runs as: /app is read-only to it.
RUN (command -v curl >/dev/null \
      || (apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*)) \
    && mkdir -p /data/images /data/mail /data/keys && chown app:app /data/images /data/mail /data/keys
WORKDIR /app
COPY --from=app /app ./
# Every setting comes from the environment (ASP.NET's `Section__Key` names), e.g. ConnectionStrings__Store,
# Store__PublicBaseUrl, Store__Admin__Email/Password, Store__Email__Smtp__Host, Store__Payments__Provider.
# A production store starts empty; Store__SeedDemoData=true fills it with the demo catalog to try it out.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_NOLOGO=1 \
    Store__SeedDemoData=false \
    Store__Images__Root=/data/images \
    Store__Email__PickupFolder=/data/mail \
    Store__DataProtection__GeneratedCertificatePath=/data/keys/data-protection.pfx
VOLUME ["/data/images", "/data/mail", "/data/keys"]
EXPOSE 8080
USER app
# Ready means the database answers and its migrations are applied: what a load balancer should wait for.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/healthz/ready || exit 1
ENTRYPOINT ["/app/Store.Web"]
