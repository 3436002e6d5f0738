/**
 * `DocumentUnderstandingApiKey` in the provider process: the organization's Document Understanding key.
 *
 * verify: `POST {duUrl}/metering/validate` with the key in `X-UIPATH-License` — "License validation
 * without consumption" in the metering OpenAPI UiPath published (UiPath/uipathcli@196c7fee013af7b1313988b069ab3ef464a47f9a:
 * definitions/du.metering.yaml#L133-L193; withdrawn in 2023, the only documented call that takes the key
 * without a document). 200 = the key is current; 401 = wrong or regenerated.
 */
import { z } from "zod";
import { productKeyKind, type Product } from "./productApiKey";

/** `ValidationResponse`; only what the check needs. */
const validationResponse = z.object({ hasUnitsAvailable: z.boolean() });

export const documentUnderstanding: Product = {
    name: "documentUnderstanding",
    async verify(client, apiKey) {
        await client.send({
            method: "POST",
            baseUrl: client.connection.duUrl,
            path: "metering/validate",
            headers: { "x-uipath-license": apiKey },
            // `productName`/`modelName` are required; which values the service expects is not published (README example: "DU").
            json: { productName: "DU", modelName: "pulumi-uipath-keys-verify" },
            // Nothing changes on the server: repeating it is harmless.
            idempotent: true,
            schema: validationResponse,
            authenticate: false,
            secrets: [apiKey],
        });
    },
};

export const documentUnderstandingApiKeyKind = productKeyKind(documentUnderstanding);
