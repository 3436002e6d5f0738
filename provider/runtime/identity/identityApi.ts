/**
 * Identity's ExternalClient API, the one management API UiPath documents (Automation Suite API
 * guide "ExternalClient" pages; Automation Cloud API guide "External client"; the routes and
 * shapes are those of UiPath's published identity swagger). Shared by the ExternalApplication
 * and ExternalApplicationSecret kinds; every call goes through the one client.
 *
 * The partitionGlobalId (the organization's GUID, needed in every path or body) is the access
 * token's `prt_id` claim when the token is a JWT (client credentials; see ./tokenClaims.ts).
 * Personal access tokens are opaque: then it comes from
 * `GET /{org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo` → `organization.id`,
 * the call UiPath's own Python SDK makes with user and app tokens alike. Learned once per
 * organization per provider process.
 */
import { z } from "zod";
import type { UiPathClient } from "../http/client";
import type { ProviderContext } from "../context";
import { factsOf, messageWithoutTraceId, NotFoundError, PermissionError, UiPathError } from "../reporting/errors";
import { scopeTypeField, WIRE_SCOPE_TYPE, type ScopeType } from "./scopeTypes";
import { partitionIdFromToken } from "../http/tokenClaims";
import { ignoredBody } from "../http/request";

export type ScopeUse = "application" | "user";

const scopeDto = z.object({ name: z.string(), type: scopeTypeField });
const resourceDto = z.object({ name: z.string().nullish(), scopes: z.array(scopeDto).nullish() });

export const secretDto = z.object({
    id: z.number().int(),
    description: z.string().nullish(),
    secret: z.string().nullish(),
    creationTime: z.string().nullish(),
    expiryTime: z.string().nullish(),
});
/**
 * GenerateSecret's answer: the one time the value is shown. Built once, like every schema here:
 * zod compiles an object schema on its first parse, so one built per call cost ~70 KB per request.
 */
const generatedSecretDto = secretDto.extend({ secret: z.string().min(1) });
export type SecretDto = z.infer<typeof secretDto>;

export const clientDto = z.object({
    id: z.string().min(1),
    name: z.string().nullish(),
    secret: z.string().nullish(),
    isConfidential: z.boolean(),
    redirectUri: z.string().nullish(),
    resources: z.array(resourceDto).nullish(),
    secrets: z.array(secretDto).nullish(),
});
export type ClientDto = z.infer<typeof clientDto>;

/** The catalog: scope name → how it may be used (`userAndApplication`: either). */
export type ScopeCatalog = Map<string, ScopeType>;

/** The listing, checked app by app in {@link listClients}. */
const clientListDto = z.array(z.unknown());
const catalogDto = z.array(z.object({ scopes: z.array(scopeDto).nullish() }));
const orgInfoDto = z.object({ organization: z.object({ id: z.string().min(1) }) });

/** The Identity API's base path for a client's organization. */
export const api = (client: UiPathClient) => `${client.organizationPath}/identity_/api`;

/** What an ExternalClient call needs: the client and the organization's partitionGlobalId. */
export interface Identity {
    client: UiPathClient;
    partitionGlobalId: string;
}

/** The client for a connection plus the organization's partitionGlobalId (read once per run, shared). */
export async function identityFor(
    context: ProviderContext,
    connection: Parameters<ProviderContext["client"]>[0],
): Promise<Identity> {
    const client = context.client(connection);
    const partitionGlobalId = await client.shared(
        "partitionGlobalId",
        async () => {
            const fromToken = partitionIdFromToken(await client.accessToken());
            if (fromToken) return fromToken;
            const path = `${client.organizationPath}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`;
            return (await client.send({ method: "GET", path, schema: orgInfoDto })).body.organization.id;
        },
        // An organization's id never changes.
        { keptAcrossWrites: true },
    );
    return { client, partitionGlobalId };
}

/** Turns a 403 into a message that names the scopes to grant (the token is the provider's own credential). */
export async function needing<T>(scopes: string, call: () => Promise<T>): Promise<T> {
    try {
        return await call();
    } catch (err) {
        if (err instanceof PermissionError) {
            throw new PermissionError(
                `${messageWithoutTraceId(err)}. Grant the provider's external application ${scopes} (Admin > External applications > Edit, application scopes) or use an Organization Administrator's personal access token`,
                { cause: err, ...factsOf(err) },
            );
        }
        throw err;
    }
}

/** The organization's scope catalog, read once per run (no write of this provider changes it). */
export async function scopeCatalog(id: Identity): Promise<ScopeCatalog> {
    return id.client.shared(
        "ExternalApiResource",
        async () => {
            const res = await needing("PM.OAuthApp.Read (or PM.OAuthApp)", () =>
                id.client.send({ method: "GET", path: `${api(id.client)}/ExternalApiResource`, schema: catalogDto }),
            );
            const catalog: ScopeCatalog = new Map();
            for (const r of res.body) for (const s of r.scopes ?? []) catalog.set(s.name, s.type);
            return catalog;
        },
        { keptAcrossWrites: true },
    );
}

/** The app, or undefined when UiPath answers 404 (deleted). */
export async function getClient(id: Identity, clientId: string): Promise<ClientDto | undefined> {
    try {
        const path = `${api(id.client)}/ExternalClient/${id.partitionGlobalId}/${encodeURIComponent(clientId)}`;
        return (
            await needing("PM.OAuthApp.Read (or PM.OAuthApp)", () =>
                id.client.send({ method: "GET", path, schema: clientDto }),
            )
        ).body;
    } catch (err) {
        if (err instanceof NotFoundError) return undefined;
        throw err;
    }
}

/**
 * The organization's apps, listed once per run and shared by every resource that reads one
 * (`GET ExternalClient/{pg}`: documented to answer every app with the fields of the get-one
 * route, `resources` and `secrets` included — "List all external clients",
 * https://docs.uipath.com/automation-suite/automation-suite/2.2510/api-guide/list-external-clients;
 * UiPath/uipathcli@a7fe7259c65036fabac2f3a25506d75f022c1f11 definitions/identity.yaml, operation
 * ExternalClient_Get: an array of ExternalClientDto, no paging parameters; UiPath's PowerShell
 * module reads it in one request, UiPath-Services/UiPathOrch@4f6263d0efb2b654874da9e6ec5bc6855b063da8
 * UiPathOrch/OrchAPISession.cs, GetPmExternalClients). Any write in the organization drops it.
 */
function listClients(id: Identity): Promise<ClientDto[]> {
    return id.client.shared("ExternalClient", async () => {
        const path = `${api(id.client)}/ExternalClient/${id.partitionGlobalId}`;
        const { body } = await needing("PM.OAuthApp.Read (or PM.OAuthApp)", () =>
            id.client.send({ method: "GET", path, schema: clientListDto }),
        );
        // Checked app by app: one app of an odd shape (not this provider's) must not fail every
        // resource's refresh. An app left out here is read with its own GET, checked as before.
        return body.flatMap((app) => {
            const checked = clientDto.safeParse(app);
            return checked.success ? [checked.data] : [];
        });
    });
}

/**
 * The app as refresh sees it: from the organization's shared listing, or with its own GET when
 * the listing does not show it (gone, or listed late: the GET decides) or lacks its scopes or
 * secrets (null on the wire). Undefined when it is gone. Only reads use it: a write decides on
 * {@link getClient}, so a change made after the listing is still seen before anything is written.
 */
export async function readClient(id: Identity, clientId: string): Promise<ClientDto | undefined> {
    const listed = (await listClients(id)).find((app) => app.id === clientId);
    if (listed && Array.isArray(listed.resources) && Array.isArray(listed.secrets)) return listed;
    return getClient(id, clientId);
}

export interface ClientFields {
    name: string;
    redirectUri: string | null;
    applicationScopes: readonly string[];
    userScopes: readonly string[];
}

/**
 * ExternalScopeDto list with integer types (see ./scopeTypes.ts): one entry per scope and use, so
 * a scope in both lists is sent twice, as a user scope (0) and as an application scope (1), the
 * way an app's registrations read back.
 */
export function scopeDtos(f: Pick<ClientFields, "applicationScopes" | "userScopes">) {
    const entry = (name: string, type: number) => ({ name, displayName: null, description: null, type });
    return [
        ...[...new Set(f.applicationScopes)].map((name) => entry(name, WIRE_SCOPE_TYPE.application)),
        ...[...new Set(f.userScopes)].map((name) => entry(name, WIRE_SCOPE_TYPE.user)),
    ];
}

/** POST ExternalClient (not idempotent: not retried except on 429). */
export async function createClient(id: Identity, f: ClientFields & { isConfidential: boolean }): Promise<ClientDto> {
    const json = {
        partitionGlobalId: id.partitionGlobalId,
        name: f.name,
        isConfidential: f.isConfidential,
        redirectUri: f.redirectUri,
        scopes: scopeDtos(f),
    };
    const res = await needing("PM.OAuthApp.Write (or PM.OAuthApp)", () =>
        id.client.send({ method: "POST", path: `${api(id.client)}/ExternalClient`, json, schema: clientDto }),
    );
    return res.body;
}

/** PUT answers 200 with no body (documented). */
export async function updateClient(id: Identity, clientId: string, f: ClientFields): Promise<void> {
    const path = `${api(id.client)}/ExternalClient/${id.partitionGlobalId}/${encodeURIComponent(clientId)}`;
    const json = { name: f.name, redirectUri: f.redirectUri, scopes: scopeDtos(f) };
    await needing("PM.OAuthApp.Write (or PM.OAuthApp)", () =>
        id.client.send({ method: "PUT", path, json, schema: ignoredBody }),
    );
}

/** Deletes the app; false when it was already gone. */
export async function deleteClient(id: Identity, clientId: string): Promise<boolean> {
    return gone(() =>
        needing("PM.OAuthApp.Write (or PM.OAuthApp)", () =>
            id.client.send({
                method: "DELETE",
                path: `${api(id.client)}/ExternalClient/${id.partitionGlobalId}/${encodeURIComponent(clientId)}`,
                schema: ignoredBody,
            }),
        ),
    );
}

/** POST GenerateSecret; the value is kept out of any error message. */
export async function generateSecret(
    id: Identity,
    clientId: string,
    description: string,
    expiryTime: string | null,
): Promise<SecretDto & { secret: string }> {
    const json = { clientId, description, partitionGlobalId: id.partitionGlobalId, expiryTime };
    const res = await needing("PM.OAuthAppSecret.Write (or PM.OAuthApp.Write)", () =>
        id.client.send({
            method: "POST",
            path: `${api(id.client)}/ExternalClient/GenerateSecret`,
            json,
            schema: generatedSecretDto,
        }),
    );
    return res.body;
}

/** Deletes one secret; false when it was already gone. */
export async function deleteSecret(id: Identity, secretId: number): Promise<boolean> {
    return gone(() =>
        needing("PM.OAuthAppSecret.Write (or PM.OAuthApp.Write)", () =>
            id.client.send({
                method: "DELETE",
                path: `${api(id.client)}/ExternalClient/${id.partitionGlobalId}/secrets/${secretId}`,
                schema: ignoredBody,
            }),
        ),
    );
}

/** A token answer; the token itself is never kept. */
const tokenAnswer = z.object({ access_token: z.string().min(1) });

/**
 * Asks the organization's token endpoint for a client-credentials token with this secret, as a
 * consumer would (documented: `POST {org}/identity_/connect/token`), once; no scope is asked, so
 * the app's own are granted. True when Identity accepted the secret. Identity is Duende
 * IdentityServer, which authenticates the client before it looks at the rest of the request
 * (DuendeSoftware/IdentityServer@0574757cf83c823bd5320f793535b8cca502893f
 * src/IdentityServer/Endpoints/TokenEndpoint.cs, ProcessTokenRequestAsync): `invalid_client` is
 * the only refusal of the secret; any other OAuth error (an app with no application scope, say)
 * came after the secret was accepted. Anything else (no answer, 5xx after the client's retries)
 * is thrown: the secret was not tried.
 */
export async function clientSecretAccepted(id: Identity, clientId: string, secret: string): Promise<boolean> {
    try {
        await id.client.send({
            method: "POST",
            path: `${id.client.organizationPath}/identity_/connect/token`,
            form: { grant_type: "client_credentials", client_id: clientId, client_secret: secret },
            schema: tokenAnswer,
            authenticate: false,
            // Asking for a token twice is harmless.
            idempotent: true,
            secrets: [secret],
        });
        return true;
    } catch (err) {
        if (err instanceof UiPathError && err.oauthError !== undefined) return err.oauthError !== "invalid_client";
        throw err;
    }
}

/** Runs a delete; false when UiPath answered 404 (already gone). */
export async function gone(call: () => Promise<unknown>): Promise<boolean> {
    try {
        await call();
        return true;
    } catch (err) {
        if (err instanceof NotFoundError) return false;
        throw err;
    }
}

/** Application and user scopes of an app as UiPath reports them. */
export function scopesOf(app: ClientDto): { applicationScopes: string[]; userScopes: string[] } {
    const applicationScopes: string[] = [];
    const userScopes: string[] = [];
    for (const r of app.resources ?? []) {
        for (const s of r.scopes ?? []) {
            if (s.type !== "user") applicationScopes.push(s.name);
            if (s.type !== "application") userScopes.push(s.name);
        }
    }
    return { applicationScopes: [...new Set(applicationScopes)].sort(), userScopes: [...new Set(userScopes)].sort() };
}
