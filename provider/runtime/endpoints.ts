/**
 * The UiPath calls this provider makes, each with the schema of its answer.
 * API access and product-key endpoints are modeled (UiPath documents none;
 * see emulator/README.md); the token exchanges are documented.
 */
import { z } from "zod";
import type { UiPathClient } from "./client";

/** The well-known client id of the legacy user-key exchange (UiPath's own samples use it). */
export const userKeyClientId = "8DEv1AMNXczW3y4U15LL3jYf62jK93n5";

export const apiAccessSchema = z.object({
    userKey: z.string().min(1),
    accountLogicalName: z.string().min(1),
    tenantName: z.string().min(1),
    clientId: z.string().min(1),
});
export type ApiAccess = z.infer<typeof apiAccessSchema>;

export const productKeySchema = z.object({ apiKey: z.string().min(1) });

/** Organization-level products with an API key. */
export type Product = "documentUnderstanding" | "computerVision";

const org = (client: UiPathClient) => encodeURIComponent(client.connection.organization);
const apiAccessPath = (client: UiPathClient, tenant: string, service: string) =>
    `${org(client)}/portal_/api/apiAccess/tenants/${encodeURIComponent(tenant)}/services/${encodeURIComponent(service)}`;

export async function getApiAccess(client: UiPathClient, tenant: string, service: string): Promise<ApiAccess> {
    return (await client.send({ method: "GET", path: apiAccessPath(client, tenant, service), schema: apiAccessSchema })).body;
}

/** "Revoke access": a new user key; every earlier key stops working. Not idempotent. */
export async function revokeApiAccess(client: UiPathClient, tenant: string, service: string): Promise<ApiAccess> {
    return (await client.send({ method: "POST", path: `${apiAccessPath(client, tenant, service)}/revoke`, json: {}, schema: apiAccessSchema })).body;
}

export async function getProductKey(client: UiPathClient, product: Product): Promise<string> {
    return (await client.send({ method: "GET", path: `${org(client)}/portal_/api/apiAccess/${product}`, schema: productKeySchema })).body.apiKey;
}

/** A new key; the old one stops working at once. Not idempotent. */
export async function regenerateProductKey(client: UiPathClient, product: Product): Promise<string> {
    return (await client.send({ method: "POST", path: `${org(client)}/portal_/api/apiAccess/${product}/regenerate`, json: {}, schema: productKeySchema })).body
        .apiKey;
}

const userKeyTokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number(), token_type: z.string() });

/** Proves a user key works: exchanges it for a token and calls Orchestrator with it. */
export async function verifyUserKey(client: UiPathClient, access: ApiAccess): Promise<void> {
    const { body } = await client.send({
        method: "POST",
        baseUrl: client.connection.accountUrl,
        path: "oauth/token",
        json: { grant_type: "refresh_token", client_id: access.clientId, refresh_token: access.userKey },
        schema: userKeyTokenSchema,
        authenticate: false,
        idempotent: true,
        secrets: [access.userKey],
    });
    await client.send({
        method: "GET",
        path: `${encodeURIComponent(access.accountLogicalName)}/${encodeURIComponent(access.tenantName)}/orchestrator_/odata/Users/UiPath.Server.Configuration.OData.GetCurrentUser`,
        headers: { authorization: `Bearer ${body.access_token}`, "x-uipath-tenantname": access.tenantName },
        schema: z.unknown(),
        authenticate: false,
        secrets: [access.userKey, body.access_token],
    });
}

/** Proves a product key works with a call that accepts it in `X-UIPATH-License`. */
export async function verifyProductKey(client: UiPathClient, product: Product, apiKey: string): Promise<void> {
    const path = product === "documentUnderstanding" ? `${org(client)}/du_/api/framework/projects` : `${org(client)}/cv_/api/v1/status`;
    await client.send({ method: "GET", path, headers: { "x-uipath-license": apiKey }, schema: z.unknown(), authenticate: false, secrets: [apiKey] });
}
