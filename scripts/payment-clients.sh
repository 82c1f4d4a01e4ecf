#!/usr/bin/env bash
# Regenerates the typed PayPal and Square clients from the description files kept beside them
# (Store.Infrastructure/Payments/{PayPal,Square}/openapi). The generated code is checked in, so builds and CI need
# no generator; run this after changing a description (scripts/openapi-trim.py cuts a new one from a provider's
# published file). Uses the NSwag tool pinned in dotnet-tools.json.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null

generate() { # description, output, namespace, class, exception class
  dotnet nswag openapi2csclient /input:"$1" /output:"$2" /namespace:"$3" /className:"$4" \
    /exceptionClass:"$5" /jsonLibrary:SystemTextJson /generateNullableReferenceTypes:true \
    /generateOptionalPropertiesAsNullable:true /useBaseUrl:false /injectHttpClient:true /disposeHttpClient:false \
    /generateClientInterfaces:false /operationGenerationMode:SingleClientFromOperationId \
    /useHttpRequestMessageCreationMethod:false /clientBaseClass: /generateDtoTypes:true \
    /classStyle:Poco /arrayType:System.Collections.Generic.List /arrayInstanceType:System.Collections.Generic.List \
    /dictionaryType:System.Collections.Generic.Dictionary /dictionaryInstanceType:System.Collections.Generic.Dictionary \
    /timeType:System.TimeSpan /dateTimeType:System.DateTimeOffset /generateResponseClasses:false >/dev/null
  echo "generated $2"
}

P=Store.Infrastructure/Payments/PayPal
S=Store.Infrastructure/Payments/Square
generate $P/openapi/checkout_orders_v2.json $P/Generated/PayPalOrdersClient.g.cs Store.Infrastructure.Payments.PayPal.Generated.Orders PayPalOrdersClient PayPalApiException
generate $P/openapi/payments_payment_v2.json $P/Generated/PayPalPaymentsClient.g.cs Store.Infrastructure.Payments.PayPal.Generated.Payments PayPalPaymentsClient PayPalApiException
generate $P/openapi/notifications_webhooks_v1.json $P/Generated/PayPalWebhooksClient.g.cs Store.Infrastructure.Payments.PayPal.Generated.Webhooks PayPalWebhooksClient PayPalApiException
generate $S/openapi/square.json $S/Generated/SquareClient.g.cs Store.Infrastructure.Payments.Square.Generated SquareClient SquareApiException
