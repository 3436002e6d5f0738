/**
 * What the organization-level product keys (Document Understanding,
 * Computer Vision) share in the provider process: one key per organization,
 * read or regenerated through the modeled portal endpoints (UiPath documents
 * neither the routes nor the credential they accept); regenerating makes the
 * old key fail at once. Each product's file names its product and the call
 * that proves its key works, on the product's own host.
 */
import { z } from "zod";
import type { ProductApiKeyArgs } from "../../resources/productApiKey";
import type { ArgsMatch } from "../argsMatch";
import type { UiPathClient } from "../client";
import { keyInputsShape, type KeyInputs } from "../keyInputs";
import type { KeyKind } from "../keyKind";

export const productApiKeyInputs = z.object({ ...keyInputsShape }).strict();

const argsMatchSchema: ArgsMatch<ProductApiKeyArgs, KeyInputs> = true;
void argsMatchSchema;

/** A product with an organization-level API key, as named in the portal's paths. */
export interface Product {
    name: "documentUnderstanding" | "computerVision";
    /**
     * Proves the key works where it is really used, with the cheapest call there is (one that
     * sends no document and consumes nothing). Throws when the product refuses the key.
     */
    verify(client: UiPathClient, apiKey: string): Promise<void>;
}

const productKeySchema = z.object({ apiKey: z.string().min(1) });

export async function getProductKey(client: UiPathClient, product: Product): Promise<string> {
    return (await client.send({ method: "GET", path: `${client.organizationPath}/portal_/api/apiAccess/${product.name}`, schema: productKeySchema })).body.apiKey;
}

/** A new key; the old one stops working at once. Not idempotent. */
export async function regenerateProductKey(client: UiPathClient, product: Product): Promise<string> {
    const path = `${client.organizationPath}/portal_/api/apiAccess/${product.name}/regenerate`;
    return (await client.send({ method: "POST", path, json: {}, schema: productKeySchema })).body.apiKey;
}


export function productKeyKind(product: Product): KeyKind<KeyInputs> {
    return {
        keyOutput: "apiKey",
        inputSchema: productApiKeyInputs,
        identityInputs: [],
        id: (organization) => `${organization}/${product.name}`,
        fetch: async (client) => ({ key: await getProductKey(client, product), extra: {} }),
        regenerate: async (client) => ({ key: await regenerateProductKey(client, product), extra: {} }),
        verify: (client, _inputs, m) => product.verify(client, m.key),
    };
}
