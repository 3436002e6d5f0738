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
import type { ArgsMatch } from "../inputs/argsMatch";
import type { UiPathClient } from "../http/client";
import { connectionSettings, type Connection } from "../inputs/connection";
import { AuthenticationError, InvalidInputError, UiPathError } from "../reporting/errors";
import { keyInputsShape, type KeyInputs } from "../lifecycle/keyInputs";
import type { KeyKind, VerifyOutcome } from "../lifecycle/keyKind";

export const productApiKeyInputs = z.object({ ...keyInputsShape }).strict();

const argsMatchSchema: ArgsMatch<ProductApiKeyArgs, Omit<KeyInputs, "rotationGroupSlot">> = true;
void argsMatchSchema;

/** A product with an organization-level API key, as named in the portal's paths. */
export interface Product {
    name: "documentUnderstanding" | "computerVision";
    /** The product in the user's words ("Document Understanding"). */
    label: string;
    /** The connection setting that says where the key is used (the product's own host). */
    host: "duUrl" | "cvUrl";
    /** Why a 400 or 404 of the check route says nothing about the key: where the route comes from. */
    checkRouteSource: string;
    /**
     * Tries the key where it is really used, with the cheapest call there is (one that sends no
     * document and consumes nothing). Throws the client's error when the product answers an error.
     */
    verify(client: UiPathClient, apiKey: string): Promise<void>;
}

/**
 * The product's verdict on a key. The check routes are not a documented key check (one comes
 * from a specification UiPath withdrew, the other is modeled): only 401 and 403 say the key is
 * refused; 400 and 404 say the check could not be made (the route is gone, or wants a body we
 * cannot know), not that the key is bad. Anything else (429 or 5xx after the retries, no
 * answer) is thrown as it is: the key was not tried.
 */
export async function checkProductKey(client: UiPathClient, product: Product, apiKey: string): Promise<VerifyOutcome> {
    // `check` refuses this first; never let the client fall back to the base URL with the key.
    const missing = productHostMissing(product, client.connection);
    if (missing !== undefined) throw new InvalidInputError(missing, { property: "verify" });
    try {
        await product.verify(client, apiKey);
        return { checked: true };
    } catch (err) {
        if (!(err instanceof UiPathError)) throw err;
        if (err.status === 401 || err.status === 403) {
            throw new AuthenticationError(`${product.label} rejected the key (${err.status})`, {
                cause: err,
                status: err.status,
            });
        }
        if (err.status === 400 || err.status === 404) {
            return {
                checked: false,
                reason: `${product.label} answered ${err.status} to the check (${product.checkRouteSource})`,
            };
        }
        throw err;
    }
}

/** The setting `verify` needs and lacks for this connection, in one line; undefined when the host is known. */
export function productHostMissing(product: Product, connection: Connection): string | undefined {
    if (connection[product.host] !== undefined) return undefined;
    const setting = connectionSettings[product.host];
    return `verify: ${product.label} keys are checked on ${product.label}'s own host, which has no default for uipath:baseUrl ${connection.baseUrl} (only Automation Cloud and Public Sector have one): set ${setting.config} (or ${setting.env}, or connection.${product.host}) to it, or set verify: false`;
}

const productKeySchema = z.object({ apiKey: z.string().min(1) });

export async function getProductKey(client: UiPathClient, product: Product): Promise<string> {
    return (
        await client.send({
            method: "GET",
            path: `${client.organizationPath}/portal_/api/apiAccess/${product.name}`,
            schema: productKeySchema,
        })
    ).body.apiKey;
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
        verify: (client, _inputs, m) => checkProductKey(client, product, m.key),
        verifyUnavailable: (connection) => productHostMissing(product, connection),
    };
}
