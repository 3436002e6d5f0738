/**
 * Identity's federated credentials of an external application:
 * `.../identity_/api/ExternalClient/{partitionGlobalId}/{clientId}/FederatedCredentials`.
 *
 * Documented ("External client — Federated credentials", Automation Cloud API guide,
 * https://docs.uipath.com/automation-cloud/automation-cloud/latest/api-guide/external-client-federated-credentials):
 * the list route, its scopes (PM.OAuthApp or PM.OAuthApp.Read) and its answer, an array of
 * FederatedCredentialDto (empty when none) whose example begins `id` and `clientId` (GUID strings),
 * `name`, `description`; that the page also creates, retrieves, updates and deletes one; at most
 * 20 per application. issuer, audience and subject are the fields each credential defines
 * ("Federated identity credentials", Automation Suite 2.2610 admin guide,
 * https://dplt.cms.uipath.com/docs/test-cloud/automation-suite/2.2610/admin-guide/federated-identity-credentials);
 * their JSON names follow the DTO's camelCase (not in the excerpts read). The page shows host-level
 * paths (`{accessURL}/identity_/...`); the provider calls them org-scoped like every Identity call
 * (on Cloud newer organizations reject host-level Identity calls with `InvalidPartition`).
 * Modeled (the emulator's model, labelled so in its README): the verbs and bodies of create
 * (POST, 201 with the DTO), get one (GET .../{id}), update (PUT .../{id}) and delete
 * (DELETE .../{id}, 204), and the write scope PM.OAuthApp.Write (or PM.OAuthApp).
 * Wire fixtures: test/fixtures/wire/identity.federatedCredential*.json (the list `docs`, the rest `modeled`).
 */
import { z } from "zod";
import { NotFoundError } from "../reporting/errors";
import { api, gone, needing, type Identity } from "./identityApi";
import { ignoredBody } from "../http/request";

export const federatedCredentialDto = z.object({
    id: z.string().min(1),
    name: z.string(),
    description: z.string().nullish(),
    issuer: z.string(),
    audience: z.string(),
    subject: z.string(),
});
const federatedCredentialList = z.array(federatedCredentialDto);
export type FederatedCredentialDto = z.infer<typeof federatedCredentialDto>;

/** The fields a credential is created and updated with. */
export interface FederatedCredentialFields {
    name: string;
    description: string | null;
    issuer: string;
    audience: string;
    subject: string;
}

const READ = "PM.OAuthApp.Read (or PM.OAuthApp)";
const WRITE = "PM.OAuthApp.Write (or PM.OAuthApp)";

const base = (id: Identity, clientId: string) =>
    `${api(id.client)}/ExternalClient/${id.partitionGlobalId}/${encodeURIComponent(clientId)}/FederatedCredentials`;

/** The app's credentials; undefined when the app does not exist (404). */
export async function listFederatedCredentials(
    id: Identity,
    clientId: string,
): Promise<FederatedCredentialDto[] | undefined> {
    try {
        const res = await needing(READ, () =>
            id.client.send({ method: "GET", path: base(id, clientId), schema: federatedCredentialList }),
        );
        return res.body;
    } catch (err) {
        if (err instanceof NotFoundError) return undefined;
        throw err;
    }
}

/** One credential; undefined when it or its app is gone (404). */
export async function getFederatedCredential(
    id: Identity,
    clientId: string,
    credentialId: string,
): Promise<FederatedCredentialDto | undefined> {
    try {
        const path = `${base(id, clientId)}/${encodeURIComponent(credentialId)}`;
        return (await needing(READ, () => id.client.send({ method: "GET", path, schema: federatedCredentialDto })))
            .body;
    } catch (err) {
        if (err instanceof NotFoundError) return undefined;
        throw err;
    }
}

/** POST (not idempotent: not retried except on 429). */
export async function createFederatedCredential(
    id: Identity,
    clientId: string,
    fields: FederatedCredentialFields,
): Promise<FederatedCredentialDto> {
    const res = await needing(WRITE, () =>
        id.client.send({ method: "POST", path: base(id, clientId), json: fields, schema: federatedCredentialDto }),
    );
    return res.body;
}

export async function updateFederatedCredential(
    id: Identity,
    clientId: string,
    credentialId: string,
    fields: FederatedCredentialFields,
): Promise<void> {
    const path = `${base(id, clientId)}/${encodeURIComponent(credentialId)}`;
    await needing(WRITE, () => id.client.send({ method: "PUT", path, json: fields, schema: ignoredBody }));
}

/** Deletes one credential; false when it (or its app) was already gone. */
export function deleteFederatedCredential(id: Identity, clientId: string, credentialId: string): Promise<boolean> {
    const path = `${base(id, clientId)}/${encodeURIComponent(credentialId)}`;
    return gone(() => needing(WRITE, () => id.client.send({ method: "DELETE", path, schema: ignoredBody })));
}
