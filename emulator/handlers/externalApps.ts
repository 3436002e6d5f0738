/**
 * External applications and their secrets, base /{org}/identity_/api (Identity's ExternalClient
 * family). Sources, cited per route below:
 *  S1  UiPath's "IdentityServer Internal API" swagger, UiPath/uipathcli@bd53dd14ec816c3c7d7c91934e5afb629a0da6cf
 *      definitions/identity.yaml (paths L1854-L2117) — the only published machine-readable spec.
 *  S2  Automation Suite 2.2510 API guide, ExternalClient pages,
 *      https://docs.uipath.com/automation-suite/automation-suite/2.2510/api-guide/external-client
 *  S3  Automation Cloud API guide "External client" (proves the family on Cloud),
 *      https://docs.uipath.com/automation-cloud/automation-cloud/latest/api-guide/external-client
 * Where S1 and S2 disagree S1 wins (S2's PUT and GET-generate pages are visibly garbled).
 *
 * Order of checks: caller (401/403) → partitionGlobalId in the path (400) → body shape (400)
 * → partitionGlobalId in the body (400) → scopes (400) → app (404).
 * Directory-integration orgs may use these routes: external apps are the recommended path there.
 */
import { SCOPE_CATALOG } from "../catalog";
import { orgOf, param, type HandlerResult, type RequestContext, type Route, type RouteGroup } from "../context";
import { errors } from "../errors";
import { newGuid, newKey } from "../keys";
import { SCOPES, authorize } from "../permissions";
import { findApp, findOrg, sameId, type AppState, type OrgState, type SecretState, type State } from "../store/state";
import { jsonObject, validate } from "../validate";
import { appView, secretView } from "./appViews";
import { externalClientFidelity } from "./externalAppsFidelity";
import { federatedCredentialRoutes } from "./federatedCredentials";
import { GenerateSecretBody, externalClientBodies, grantedScopes } from "./externalAppBodies";
import { wireResources } from "../wire";

const BASE = "/:org/identity_/api";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function allowed(ctx: RequestContext, anyScope: readonly string[]): OrgState {
    const org = orgOf(ctx);
    authorize(org, ctx.caller, { anyScope });
    return org;
}

/**
 * A value that is not a GUID gets ASP.NET's model-binding text, as UiPath's documented example
 * shows ("Retrieving partitionGlobalId for API use", Automation Cloud API guide); a GUID of
 * another organization: modeled (no public source).
 */
function checkPartition(org: OrgState, given: string): void {
    if (!GUID.test(given)) throw errors.validationFailed({ partitionGlobalId: [`The value '${given}' is not valid.`] });
    if (!sameId(given, org.id)) throw errors.invalidPartition(given);
}

function draftApp(draft: State, org: OrgState, clientId: string): { org: OrgState; app: AppState } {
    const o = findOrg(draft, org.name);
    const app = o && findApp(o, clientId);
    if (!o || !app) throw errors.externalApplicationNotFound(clientId);
    return { org: o, app };
}

function newSecret(
    ctx: RequestContext,
    org: OrgState,
    now: number,
    description: string | null,
    expiryTime: number | null,
): SecretState {
    const secret: SecretState = { id: org.nextSecretId++, value: newKey(), description, creationTime: now, expiryTime };
    const delay = ctx.deps.wire.secretPropagationMs;
    if (delay > 0) secret.validFrom = now + delay;
    return secret;
}

/** Adds a secret to a confidential app (modeled: a public app has none, 400 on clientId). */
function addSecret(
    ctx: RequestContext,
    org: OrgState,
    clientId: string,
    description: string | null,
    expiryTime: number | null,
): SecretState {
    const now = ctx.deps.clock.now();
    return ctx.deps.store.update((draft) => {
        const { org: o, app } = draftApp(draft, org, clientId);
        if (!app.isConfidential)
            throw errors.validationFailed({ clientId: ["Secrets exist only for confidential applications."] });
        const secret = newSecret(ctx, o, now, description, expiryTime);
        app.secrets.push(secret);
        return secret;
    });
}

function listApps(ctx: RequestContext): HandlerResult {
    const org = allowed(ctx, SCOPES.oauthAppRead);
    checkPartition(org, param(ctx, "pg"));
    return { status: 200, body: org.externalApps.map((a) => appView(a, false, ctx.deps.wire)) };
}

function getApp(ctx: RequestContext): HandlerResult {
    const org = allowed(ctx, SCOPES.oauthAppRead);
    checkPartition(org, param(ctx, "pg"));
    const app = findApp(org, param(ctx, "clientId"));
    if (!app) throw errors.externalApplicationNotFound(param(ctx, "clientId"));
    return { status: 200, body: appView(app, false, ctx.deps.wire) };
}

function createApp(ctx: RequestContext): HandlerResult {
    const org = allowed(ctx, SCOPES.oauthAppWrite);
    const body = validate(externalClientBodies(ctx.deps.wire).create, jsonObject(ctx.body));
    checkPartition(org, body.partitionGlobalId);
    const scopes = grantedScopes(body.scopes, body.isConfidential);
    const now = ctx.deps.clock.now();
    const created = ctx.deps.store.update((draft) => {
        const o = findOrg(draft, org.name)!;
        const app: AppState = {
            id: newGuid(),
            name: body.name,
            isConfidential: body.isConfidential,
            redirectUri: body.redirectUri,
            scopes: scopes.application,
            userScopes: scopes.user,
            // A confidential app is created with its first secret (S2 "Create external client" example).
            secrets: body.isConfidential ? [newSecret(ctx, o, now, null, null)] : [],
        };
        o.externalApps.push(app);
        return app;
    });
    return { status: 201, body: appView(created, true, ctx.deps.wire, ctx.deps.wire.omitSecretsFromCreateAnswer) };
}

function updateApp(ctx: RequestContext): HandlerResult {
    const org = allowed(ctx, SCOPES.oauthAppWrite);
    checkPartition(org, param(ctx, "pg"));
    const body = validate(externalClientBodies(ctx.deps.wire).update, jsonObject(ctx.body));
    const clientId = param(ctx, "clientId");
    const existing = findApp(org, clientId);
    if (!existing) throw errors.externalApplicationNotFound(clientId);
    // null or absent leaves a field as it is (S1: every field nullable, none required).
    const scopes = body.scopes ? grantedScopes(body.scopes, existing.isConfidential) : undefined;
    ctx.deps.store.update((draft) => {
        const { app } = draftApp(draft, org, clientId);
        if (body.name !== undefined && body.name !== null) app.name = body.name;
        if (body.redirectUri !== undefined) app.redirectUri = body.redirectUri;
        if (scopes) {
            app.scopes = scopes.application;
            app.userScopes = scopes.user;
        }
    });
    return { status: 200 };
}

/** Deleting an app also kills its tokens (the auth step checks the app still exists). */
function deleteApp(ctx: RequestContext): HandlerResult {
    const org = allowed(ctx, SCOPES.oauthAppWrite);
    checkPartition(org, param(ctx, "pg"));
    ctx.deps.store.update((draft) => {
        const found = draftApp(draft, org, param(ctx, "clientId"));
        found.org.externalApps = found.org.externalApps.filter((a) => a !== found.app);
    });
    return { status: 204 };
}

function generateSecret(ctx: RequestContext): HandlerResult {
    const org = allowed(ctx, SCOPES.oauthAppSecretWrite);
    const body = validate(GenerateSecretBody, jsonObject(ctx.body));
    checkPartition(org, body.partitionGlobalId);
    const expiry = body.expiryTime === null ? null : Date.parse(body.expiryTime);
    // Modeled: no public source says how a past expiry is answered.
    if (expiry !== null && expiry <= ctx.deps.clock.now())
        throw errors.validationFailed({ expiryTime: ["The expiryTime must be in the future."] });
    const secret = addSecret(ctx, org, body.clientId, body.description, expiry);
    return { status: 200, body: secretView(secret, true) };
}

/** The GET variant: no body, no description or expiry; answers only the value, as a JSON string. */
function generateSecretByGet(ctx: RequestContext): HandlerResult {
    const org = allowed(ctx, SCOPES.oauthAppSecretWrite);
    checkPartition(org, param(ctx, "pg"));
    return { status: 200, body: addSecret(ctx, org, param(ctx, "clientId"), null, null).value };
}

function deleteSecret(ctx: RequestContext): HandlerResult {
    const org = allowed(ctx, SCOPES.oauthAppSecretWrite);
    checkPartition(org, param(ctx, "pg"));
    const raw = param(ctx, "secretId");
    // secretId is int64 (S1); a value that is not one gets ASP.NET's binding text (modeled).
    if (!/^\d{1,18}$/.test(raw)) throw errors.validationFailed({ secretId: [`The value '${raw}' is not valid.`] });
    const id = Number(raw);
    ctx.deps.store.update((draft) => {
        const o = findOrg(draft, org.name)!;
        const app = o.externalApps.find((a) => a.secrets.some((s) => s.id === id));
        if (!app) throw errors.secretNotFound(raw);
        app.secrets = app.secrets.filter((s) => s.id !== id);
    });
    return { status: 204 };
}

function catalog(ctx: RequestContext): HandlerResult {
    allowed(ctx, SCOPES.oauthAppRead);
    return { status: 200, body: wireResources(SCOPE_CATALOG, ctx.deps.wire) };
}

const route = (
    method: Route["method"],
    path: string,
    handler: Route["handler"],
    options: { mutating: boolean; body?: boolean },
): Route => ({
    method,
    pattern: `${BASE}${path}`,
    body: options.body ? "json" : "none",
    auth: "bearer",
    errorStyle: "identity",
    mutating: options.mutating,
    handler,
    fidelity: externalClientFidelity(method, path),
});

export const externalAppGroup: RouteGroup = {
    name: "externalApps",
    // Each route's fidelity record, with its sources, is in externalAppsFidelity.ts.
    routes: [
        route("GET", "/ExternalApiResource", catalog, { mutating: false }),
        route("GET", "/ExternalClient/:pg", listApps, { mutating: false }),
        route("GET", "/ExternalClient/:pg/:clientId", getApp, { mutating: false }),
        route("POST", "/ExternalClient", createApp, { mutating: true, body: true }),
        route("PUT", "/ExternalClient/:pg/:clientId", updateApp, { mutating: true, body: true }),
        route("DELETE", "/ExternalClient/:pg/:clientId", deleteApp, { mutating: true }),
        route("POST", "/ExternalClient/GenerateSecret", generateSecret, { mutating: true, body: true }),
        route("GET", "/ExternalClient/:pg/:clientId/GenerateSecret", generateSecretByGet, { mutating: true }),
        route("DELETE", "/ExternalClient/:pg/secrets/:secretId", deleteSecret, { mutating: true }),
        // Fidelity records and sources in federatedCredentials.ts.
        ...federatedCredentialRoutes,
    ],
};
