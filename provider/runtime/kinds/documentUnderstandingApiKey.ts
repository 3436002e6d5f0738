/**
 * `DocumentUnderstandingApiKey` in the provider process: the organization's Document Understanding key.
 *
 * verify, best effort: `POST {duUrl}/metering/validate` with the key in `X-UIPATH-License`. OBSERVED,
 * from a withdrawn specification: "License validation without consumption" in the metering OpenAPI
 * uipathcli carried from Feb to Mar 2023 (UiPath/uipathcli@196c7fee013af7b1313988b069ab3ef464a47f9a:
 * definitions/du.metering.yaml#L133-L193; added in f3e7f97f0cc54cc31920b20aa8bedbc53ccffc37, removed in
 * ec095e4edee940b2aa05f0fd73b6aca45129dc14). That file's own server is
 * `https://cloud.uipath.com/{organization}/{tenant}/aimetering_` (#L363-L371; downloaded from
 * alpha.uipath.com/…/aimetering_/swagger: update_definitions.sh#L223-L227 in 69e83c81b0ef37d7bfa9a04769680a7cb12def75);
 * the `du.uipath.com/metering/` base with the license header is the README's API-key profile
 * (README.md#L501-L506 at 196c7fe). It is the only published call that takes the key without a
 * document, and no current page documents it: a 400 or 404 is "could not check", only 401/403
 * "rejected" (see `checkProductKey`).
 */
import { z } from "zod";
import { productKeyKind, type Product } from "./productApiKey";

/** `ValidationResponse` (du.metering.yaml#L335-L352 at 196c7fe); only what the check needs. */
const validationResponse = z.object({ hasUnitsAvailable: z.boolean() });

/**
 * `ValidationRequest` (#L314-L334: `productName` and `modelName` required, at least one character).
 * The values are MODELED: no source says which ones the service accepts. "DU" is the product name
 * of uipathcli's README example (`uipath du metering validate --product-name "DU" --model-name
 * "my-model"`, README.md#L301 at 196c7fe); the model name is ours, naming the caller.
 */
const validationRequest = { productName: "DU", modelName: "pulumi-uipath-keys-verify" };

export const documentUnderstanding: Product = {
    name: "documentUnderstanding",
    label: "Document Understanding",
    host: "duUrl",
    checkRouteSource:
        "POST /metering/validate comes from a metering API UiPath withdrew in 2023, with a request body whose values are modeled: the key is not proven bad",
    async verify(client, apiKey) {
        await client.send({
            method: "POST",
            baseUrl: client.connection.duUrl,
            path: "metering/validate",
            headers: { "x-uipath-license": apiKey },
            json: validationRequest,
            // Nothing changes on the server: repeating it is harmless.
            idempotent: true,
            schema: validationResponse,
            authenticate: false,
            secrets: [apiKey],
        });
    },
};

export const documentUnderstandingApiKeyKind = productKeyKind(documentUnderstanding);
