/**
 * Federated credentials of an external application, base
 * /{org}/identity_/api/ExternalClient/{partitionGlobalId}/{clientId}/FederatedCredentials.
 *
 * FC  "External client — Federated credentials", Automation Cloud API guide,
 *     https://docs.uipath.com/automation-cloud/automation-cloud/latest/api-guide/external-client-federated-credentials
 *     (read: the list route `GET {accessURL}/identity_/api/ExternalClient/{partitionGlobalId}/{clientId}/FederatedCredentials`,
 *     its scopes PM.OAuthApp or PM.OAuthApp.Read, 200 with an array of FederatedCredentialDto or an
 *     empty array; the example's elements begin `"id": "3fa85f64-…"`, `"clientId": "1539a53a-…"`,
 *     `"name": "GitHub Actions"`, `"descript…` (where the excerpt ends: camelCase, GUID strings);
 *     the page says it lists, creates, retrieves, updates and deletes; at most 20 per application; API-only)
 * FA  "Managing federated identity credentials", admin guide,
 *     https://docs.uipath.com/test-cloud/automation-cloud/latest/admin-guide/managing-federated-identity-credentials
 *     (read: register, view, update and delete through the API guide's operations; at most 20;
 *     deletion is permanent, tokens already issued stay valid until they expire; the token form,
 *     ../assertions.ts)
 * AS  "Federated identity credentials", Automation Suite 2.2610 admin guide,
 *     https://dplt.cms.uipath.com/docs/test-cloud/automation-suite/2.2610/admin-guide/federated-identity-credentials
 *     (read: each credential defines Issuer, "the HTTPS URI of the external identity provider", matched
 *     exactly against `iss`, its JWKS endpoint checked reachable on create and update; Audience, "a
 *     single string value that must appear in the JWT aud claim"; Subject, an exact match of `sub`;
 *     RS256 only, JWTs over 8 KB refused, at most 20 per application, one-hour tokens; several
 *     subjects or issuers take one credential each)
 * No wildcards: issue #21's reading of FA; not in the excerpts read for the wire fixtures
 * (test/fixtures/wire/identity.federatedCredential*.json).
 *
 * The page's text for create/get/update/delete (verbs, bodies, status codes) was not available to
 * this project: those are modeled after the app routes (POST → 201 with the DTO, PUT → 200 with
 * the DTO, DELETE → 204, unknown id → 404), as are every refusal's status and text.
 * The docs show host-level paths (`{accessURL}/identity_/...`); the emulator serves them
 * org-scoped, like every Identity route it serves (UIPATH-API.md: Cloud wants Identity org-scoped).
 */
import { z } from "zod";
import { orgOf, param, type Fidelity, type HandlerResult, type RequestContext, type Route } from "../context";
import { errors } from "../errors";
import { newGuid } from "../keys";
import { SCOPES, authorize } from "../permissions";
import { findApp, findOrg, sameId, type AppState, type FederatedCredentialState, type OrgState } from "../store/state";
import { jsonObject, validate } from "../validate";

/** FC: "Each application supports a maximum of 20 federated credentials." */
export const MAX_FEDERATED_CREDENTIALS = 20;

const FC =
    "External client — Federated credentials (Automation Cloud API guide): https://docs.uipath.com/automation-cloud/automation-cloud/latest/api-guide/external-client-federated-credentials";
const FA =
    "Managing federated identity credentials (admin guide): https://docs.uipath.com/test-cloud/automation-cloud/latest/admin-guide/managing-federated-identity-credentials";
const AS =
    "Federated identity credentials (Automation Suite 2.2610 admin guide; issuer, audience, subject, JWKS check): https://dplt.cms.uipath.com/docs/test-cloud/automation-suite/2.2610/admin-guide/federated-identity-credentials";

const noWildcard = (field: string) =>
    z
        .string()
        .min(1, `The ${field} is required.`)
        .refine((v) => !v.includes("*"), `The ${field} cannot contain wildcards.`);

/** The body of create and update (modeled: the page's request body was not read). */
const CredentialBody = z.strictObject({
    name: z.string().trim().min(1, "The name is required.").max(200),
    description: z.string().max(1000).nullish(),
    issuer: noWildcard("issuer").refine((v) => /^https:\/\/[^/\s]+/i.test(v), "The issuer must be an HTTPS URI."),
    audience: noWildcard("audience"),
    subject: noWildcard("subject"),
});

function view(clientId: string, c: FederatedCredentialState) {
    return {
        id: c.id,
        clientId,
        name: c.name,
        description: c.description,
        issuer: c.issuer,
        audience: c.audience,
        subject: c.subject,
        createdAt: new Date(c.createdAt).toISOString(),
    };
}

function appOf(ctx: RequestContext, anyScope: readonly string[]): { org: OrgState; app: AppState } {
    const org = orgOf(ctx);
    authorize(org, ctx.caller, { anyScope });
    const pg = param(ctx, "pg");
    if (!sameId(pg, org.id)) throw errors.invalidPartition(pg);
    const app = findApp(org, param(ctx, "clientId"));
    if (!app) throw errors.externalApplicationNotFound(param(ctx, "clientId"));
    return { org, app };
}

function credentialOf(app: AppState, id: string): FederatedCredentialState {
    const found = (app.federatedCredentials ?? []).find((c) => sameId(c.id, id));
    if (!found) throw errors.federatedCredentialNotFound(id);
    return found;
}

/** AS: UiPath checks the issuer's JWKS endpoint is reachable on create and update. */
async function checkIssuerReachable(ctx: RequestContext, issuer: string): Promise<void> {
    try {
        await ctx.deps.issuers.keysOf(issuer, ctx.headers.host ?? "");
    } catch (err) {
        throw errors.validationFailed({
            issuer: [
                `The JWKS endpoint of issuer '${issuer}' could not be reached (${err instanceof Error ? err.message : String(err)}).`,
            ],
        });
    }
}

function list(ctx: RequestContext): HandlerResult {
    const { app } = appOf(ctx, SCOPES.oauthAppRead);
    return { status: 200, body: (app.federatedCredentials ?? []).map((c) => view(app.id, c)) };
}

function get(ctx: RequestContext): HandlerResult {
    const { app } = appOf(ctx, SCOPES.oauthAppRead);
    return { status: 200, body: view(app.id, credentialOf(app, param(ctx, "id"))) };
}

async function create(ctx: RequestContext): Promise<HandlerResult> {
    const { org, app } = appOf(ctx, SCOPES.oauthAppWrite);
    const body = validate(CredentialBody, jsonObject(ctx.body));
    if ((app.federatedCredentials ?? []).length >= MAX_FEDERATED_CREDENTIALS)
        throw errors.validationFailed({
            clientId: [`An application can have at most ${MAX_FEDERATED_CREDENTIALS} federated credentials.`],
        });
    await checkIssuerReachable(ctx, body.issuer);
    const now = ctx.deps.clock.now();
    const created = ctx.deps.store.update((draft) => {
        const a = findApp(findOrg(draft, org.name)!, app.id);
        if (!a) throw errors.externalApplicationNotFound(app.id);
        const all = (a.federatedCredentials ??= []);
        // Counted again inside the update: two concurrent creates cannot make a 21st.
        if (all.length >= MAX_FEDERATED_CREDENTIALS)
            throw errors.validationFailed({
                clientId: [`An application can have at most ${MAX_FEDERATED_CREDENTIALS} federated credentials.`],
            });
        const credential: FederatedCredentialState = {
            id: newGuid(),
            name: body.name,
            description: body.description ?? null,
            issuer: body.issuer,
            audience: body.audience,
            subject: body.subject,
            createdAt: now,
        };
        all.push(credential);
        return credential;
    });
    return { status: 201, body: view(app.id, created) };
}

async function update(ctx: RequestContext): Promise<HandlerResult> {
    const { org, app } = appOf(ctx, SCOPES.oauthAppWrite);
    const id = param(ctx, "id");
    credentialOf(app, id);
    const body = validate(CredentialBody, jsonObject(ctx.body));
    await checkIssuerReachable(ctx, body.issuer);
    const updated = ctx.deps.store.update((draft) => {
        const a = findApp(findOrg(draft, org.name)!, app.id);
        if (!a) throw errors.externalApplicationNotFound(app.id);
        const c = credentialOf(a, id);
        Object.assign(c, { ...body, description: body.description ?? null });
        return { ...c };
    });
    return { status: 200, body: view(app.id, updated) };
}

function remove(ctx: RequestContext): HandlerResult {
    const { org, app } = appOf(ctx, SCOPES.oauthAppWrite);
    const id = param(ctx, "id");
    ctx.deps.store.update((draft) => {
        const a = findApp(findOrg(draft, org.name)!, app.id);
        if (!a) throw errors.externalApplicationNotFound(app.id);
        credentialOf(a, id);
        a.federatedCredentials = (a.federatedCredentials ?? []).filter((c) => !sameId(c.id, id));
    });
    return { status: 204 };
}

const LIST_FIDELITY: Fidelity = {
    status: "documented",
    sources: [FC, AS],
    note: "org-scoped path (the page shows it host-level); id, clientId, name, description from the page's example; issuer, audience, subject named after the Automation Suite admin guide's credential fields; createdAt modeled",
};
const modeled = (what: string): Fidelity => ({
    status: "modeled",
    sources: [FC, FA, AS],
    note: `${what}; the page lists the operation, its verb, body and status are modeled; the 20-per-app limit, HTTPS issuer and the JWKS reachability check are documented (Automation Suite admin guide), no wildcards per issue #21's reading`,
});

const BASE = "/:org/identity_/api/ExternalClient/:pg/:clientId/FederatedCredentials";
const route = (
    method: Route["method"],
    path: string,
    handler: Route["handler"],
    fidelity: Fidelity,
    body = false,
): Route => ({
    method,
    pattern: `${BASE}${path}`,
    body: body ? "json" : "none",
    auth: "bearer",
    errorStyle: "identity",
    mutating: method !== "GET",
    handler,
    fidelity,
});

export const federatedCredentialRoutes: readonly Route[] = [
    route("GET", "", list, LIST_FIDELITY),
    route("POST", "", create, modeled("create: 201 with the credential"), true),
    route("GET", "/:id", get, modeled("get one; 404 for an unknown id")),
    route("PUT", "/:id", update, modeled("update: 200 with the credential"), true),
    route("DELETE", "/:id", remove, modeled("delete: 204; 404 for an unknown id")),
];
