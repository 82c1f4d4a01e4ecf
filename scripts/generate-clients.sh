#!/usr/bin/env bash
# Regenerates the providers' typed HTTP clients (carriers and payment gateways) from the OpenAPI descriptions kept
# beside them (…/<Provider>/openapi/). The generated C# is checked in, so builds and CI need no generator; run this
# after replacing a description (cut a newly published one down first with scripts/openapi-trim.py). Uses the NSwag
# tool pinned in dotnet-tools.json.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null

generate() { # description, output, namespace, class, exception class, extra NSwag options…
  local input=$1 output=$2 namespace=$3 class=$4 exception=$5
  shift 5
  dotnet nswag openapi2csclient /input:"$input" /output:"$output" /namespace:"$namespace" /className:"$class" \
    /exceptionClass:"$exception" /jsonLibrary:SystemTextJson /generateNullableReferenceTypes:true \
    /generateOptionalPropertiesAsNullable:true /useBaseUrl:false /injectHttpClient:true /disposeHttpClient:false \
    /generateClientInterfaces:false /operationGenerationMode:SingleClientFromOperationId /classStyle:Poco "$@" >/dev/null
  echo "generated $output"
}

ups=Store.Infrastructure/Shipping/Carriers/Ups
ups_ns=Store.Infrastructure.Shipping.Carriers.Ups.Generated
generate $ups/openapi/OAuthClientCredentials.yaml $ups/Generated/UpsOAuthClient.cs $ups_ns.OAuth UpsOAuthClient UpsOAuthClientException /generateOptionalParameters:true /generateExceptionClasses:true
generate $ups/openapi/Rating.yaml $ups/Generated/UpsRatingClient.cs $ups_ns.Rating UpsRatingClient UpsRatingClientException /generateOptionalParameters:true /generateExceptionClasses:true
generate $ups/openapi/Shipping.yaml $ups/Generated/UpsShippingClient.cs $ups_ns.Shipping UpsShippingClient UpsShippingClientException /generateOptionalParameters:true /generateExceptionClasses:true
generate $ups/openapi/Tracking.yaml $ups/Generated/UpsTrackingClient.cs $ups_ns.Tracking UpsTrackingClient UpsTrackingClientException /generateOptionalParameters:true /generateExceptionClasses:true

usps=Store.Infrastructure/Shipping/Carriers/Usps
usps_ns=Store.Infrastructure.Shipping.Carriers.Usps.Generated
generate $usps/openapi/domestic-prices.yaml $usps/Generated/UspsPricesClient.cs $usps_ns.Prices UspsPricesClient UspsPricesClientException /generateOptionalParameters:true /generateExceptionClasses:true
generate $usps/openapi/labels.yaml $usps/Generated/UspsLabelsClient.cs $usps_ns.Labels UspsLabelsClient UspsLabelsClientException /generateOptionalParameters:true /generateExceptionClasses:true
generate $usps/openapi/tracking.yaml $usps/Generated/UspsTrackingClient.cs $usps_ns.Tracking UspsTrackingClient UspsTrackingClientException /generateOptionalParameters:true /generateExceptionClasses:true

fedex=Store.Infrastructure/Shipping/Carriers/FedEx
fedex_ns=Store.Infrastructure.Shipping.Carriers.FedEx.Generated
generate $fedex/openapi/rate.json $fedex/Generated/FedExRateClient.cs $fedex_ns.Rate FedExRateClient FedExRateClientException /generateOptionalParameters:true /generateExceptionClasses:true
generate $fedex/openapi/ship.json $fedex/Generated/FedExShipClient.cs $fedex_ns.Ship FedExShipClient FedExShipClientException /generateOptionalParameters:true /generateExceptionClasses:true
generate $fedex/openapi/track.json $fedex/Generated/FedExTrackClient.cs $fedex_ns.Track FedExTrackClient FedExTrackClientException /generateOptionalParameters:true /generateExceptionClasses:true

payments=(/useHttpRequestMessageCreationMethod:false /clientBaseClass: /generateDtoTypes:true
  /arrayType:System.Collections.Generic.List /arrayInstanceType:System.Collections.Generic.List
  /dictionaryType:System.Collections.Generic.Dictionary /dictionaryInstanceType:System.Collections.Generic.Dictionary
  /timeType:System.TimeSpan /dateTimeType:System.DateTimeOffset /generateResponseClasses:false)
P=Store.Infrastructure/Payments/PayPal
S=Store.Infrastructure/Payments/Square
generate $P/openapi/checkout_orders_v2.json $P/Generated/PayPalOrdersClient.g.cs Store.Infrastructure.Payments.PayPal.Generated.Orders PayPalOrdersClient PayPalApiException "${payments[@]}"
generate $P/openapi/payments_payment_v2.json $P/Generated/PayPalPaymentsClient.g.cs Store.Infrastructure.Payments.PayPal.Generated.Payments PayPalPaymentsClient PayPalApiException "${payments[@]}"
generate $P/openapi/notifications_webhooks_v1.json $P/Generated/PayPalWebhooksClient.g.cs Store.Infrastructure.Payments.PayPal.Generated.Webhooks PayPalWebhooksClient PayPalApiException "${payments[@]}"
generate $S/openapi/square.json $S/Generated/SquareClient.g.cs Store.Infrastructure.Payments.Square.Generated SquareClient SquareApiException "${payments[@]}"
