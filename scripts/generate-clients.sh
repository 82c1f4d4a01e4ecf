#!/usr/bin/env bash
# Regenerates the carriers' typed HTTP clients from the OpenAPI descriptions kept next to them
# (Store.Infrastructure/Shipping/Carriers/<Carrier>/openapi/). The generated C# is checked in; run this after
# replacing a description (trim a newly published one first with scripts/trim-openapi.py).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null

generate() { # description, namespace, class name, output
  dotnet nswag openapi2csclient /input:"$1" /namespace:"$2" /className:"$3" /output:"$4" \
    /generateClientInterfaces:false /injectHttpClient:true /disposeHttpClient:false /useBaseUrl:false \
    /generateOptionalParameters:true /jsonLibrary:SystemTextJson /generateNullableReferenceTypes:true \
    /generateOptionalPropertiesAsNullable:true /operationGenerationMode:SingleClientFromOperationId \
    /generateExceptionClasses:true /exceptionClass:"${3}Exception" /classStyle:Poco >/dev/null
}

ups=Store.Infrastructure/Shipping/Carriers/Ups
generate "$ups/openapi/OAuthClientCredentials.yaml" Store.Infrastructure.Shipping.Carriers.Ups.Generated.OAuth UpsOAuthClient "$ups/Generated/UpsOAuthClient.cs"
generate "$ups/openapi/Rating.yaml" Store.Infrastructure.Shipping.Carriers.Ups.Generated.Rating UpsRatingClient "$ups/Generated/UpsRatingClient.cs"
generate "$ups/openapi/Shipping.yaml" Store.Infrastructure.Shipping.Carriers.Ups.Generated.Shipping UpsShippingClient "$ups/Generated/UpsShippingClient.cs"
generate "$ups/openapi/Tracking.yaml" Store.Infrastructure.Shipping.Carriers.Ups.Generated.Tracking UpsTrackingClient "$ups/Generated/UpsTrackingClient.cs"
