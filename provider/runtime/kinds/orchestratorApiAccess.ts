/**
 * `OrchestratorApiAccess` in the provider process: the API access details of
 * one tenant service (user key, account logical name, tenant name, client
 * id), read from and revoked through the modeled portal endpoints (UiPath
 * documents none; see emulator/README.md). Rotating is the admin page's
 * "Revoke access": a new user key, and every earlier one stops working.
 */
import { z } from "zod";
import type { OrchestratorApiAccessArgs } from "../../resources/orchestratorApiAccess";
import type { ArgsMatch } from "../inputs/argsMatch";
import type { UiPathClient } from "../http/client";
import { keyInputsShape } from "../lifecycle/keyInputs";
import type { KeyKind, KeyMaterial } from "../lifecycle/keyKind";
import { logicalNameSchema } from "../inputs/validation";
import { ignoredBody } from "../http/request";

export const orchestratorApiAccessInputs = z
    .object({
        tenant: logicalNameSchema("tenant", "as shown in its URL"),
        service: logicalNameSchema("service", "as shown in its URL").optional(),
        ...keyInputsShape,
    })
    .strict();

export type OrchestratorApiAccessInputs = z.infer<typeof orchestratorApiAccessInputs>;

const argsMatchSchema: ArgsMatch<
    OrchestratorApiAccessArgs,
    Omit<OrchestratorApiAccessInputs, "rotationGroupSlot">
> = true;
void argsMatchSchema;

const apiAccessSchema = z.object({
    userKey: z.string().min(1),
    accountLogicalName: z.string().min(1),
    tenantName: z.string().min(1),
    clientId: z.string().min(1),
});
type ApiAccess = z.infer<typeof apiAccessSchema>;

const service = (inputs: OrchestratorApiAccessInputs) => inputs.service ?? "orchestrator";

const apiAccessPath = (client: UiPathClient, tenant: string, service: string) =>
    `${client.organizationPath}/portal_/api/apiAccess/tenants/${encodeURIComponent(tenant)}/services/${encodeURIComponent(service)}`;

export async function getApiAccess(client: UiPathClient, tenant: string, service: string): Promise<ApiAccess> {
    return (await client.send({ method: "GET", path: apiAccessPath(client, tenant, service), schema: apiAccessSchema }))
        .body;
}

/** "Revoke access": a new user key; every earlier key stops working. Not idempotent. */
export async function revokeApiAccess(client: UiPathClient, tenant: string, service: string): Promise<ApiAccess> {
    return (
        await client.send({
            method: "POST",
            path: `${apiAccessPath(client, tenant, service)}/revoke`,
            json: {},
            schema: apiAccessSchema,
        })
    ).body;
}

const userKeyTokenSchema = z.object({
    access_token: z.string().min(1),
    expires_in: z.number(),
    token_type: z.string(),
});

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
        schema: ignoredBody,
        authenticate: false,
        secrets: [access.userKey, body.access_token],
    });
}

const material = (access: ApiAccess): KeyMaterial => ({
    key: access.userKey,
    extra: { accountLogicalName: access.accountLogicalName, tenantName: access.tenantName, clientId: access.clientId },
});

export const orchestratorApiAccessKind: KeyKind<OrchestratorApiAccessInputs> = {
    keyOutput: "userKey",
    inputSchema: orchestratorApiAccessInputs,
    identityInputs: ["tenant", "service"],
    id: (organization, inputs) => `${organization}/${inputs.tenant}/${service(inputs)}`,
    fetch: async (client, inputs) => material(await getApiAccess(client, inputs.tenant, service(inputs))),
    regenerate: async (client, inputs) => material(await revokeApiAccess(client, inputs.tenant, service(inputs))),
    verify: async (client, _inputs, m) => {
        // Documented routes (the user-key exchange, GetCurrentUser): any refusal is about the key.
        await verifyUserKey(client, {
            userKey: m.key,
            accountLogicalName: m.extra.accountLogicalName ?? "",
            tenantName: m.extra.tenantName ?? "",
            clientId: m.extra.clientId ?? "",
        });
        return { checked: true };
    },
};
