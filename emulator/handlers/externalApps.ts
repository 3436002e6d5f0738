/**
 * External applications and their secrets (documented paths, base /{org}/identity_/api).
 * Order of checks: caller (401/403) → partitionGlobalId in the path (400) → body shape (400)
 * → partitionGlobalId in the body (400) → scopes (400) → app (404).
 * Directory-integration orgs may use these routes: external apps are the recommended path there.
 */
import { externalClientFidelity } from "./externalAppsFidelity";
import { z } from "zod";
import { SCOPE_CATALOG, isKnownScope } from "../catalog";
import { orgOf, param, type HandlerResult, type RequestContext, type Route, type RouteGroup } from "../context";
import { errors } from "../errors";
import { newGuid, newKey } from "../keys";
import { SCOPES, authorize } from "../permissions";
import { findApp, findOrg, sameId, type AppState, type OrgState, type State } from "../store/state";
import { jsonObject, validate } from "../validate";
import { appView, secretView } from "./appViews";

const BASE = "/:org/identity_/api";

function canRead(ctx: RequestContext): OrgState {
    const org = orgOf(ctx);
    authorize(org, ctx.caller, { anyScope: SCOPES.oauthAppRead });
    return org;
}

function canWrite(ctx: RequestContext): OrgState {
    const org = orgOf(ctx);
    authorize(org, ctx.caller, { anyScope: SCOPES.oauthAppWrite });
    return org;
}

function checkPartition(org: OrgState, given: string): void {
    if (!sameId(given, org.id)) throw errors.invalidPartition(given);
}

function checkScopes(scopes: readonly string[]): void {
    const unknown = scopes.filter((s) => !isKnownScope(s));
    if (unknown.length > 0) throw errors.validationFailed({ scopes: unknown.map((s) => `Unknown scope '${s}'`) });
}

function draftApp(draft: State, org: OrgState, clientId: string): { org: OrgState; app: AppState } {
    const o = findOrg(draft, org.name);
    const app = o && findApp(o, clientId);
    if (!o || !app) throw errors.externalApplicationNotFound(clientId);
    return { org: o, app };
}

const Name = z.string().trim().min(1, "The name field must not be empty.").max(200);
/** Documented: ExternalScopeDto objects (their `name` is read); bare names accepted too. Superseded by w2-extapps' bodies. */
const Scopes = z.array(z.union([z.string(), z.object({ name: z.string() }).transform((s) => s.name)]));
const RedirectUri = z.string().nullable();

const CreateBody = z.object({
    partitionGlobalId: z.string(),
    name: Name,
    isConfidential: z.boolean().default(true),
    redirectUri: RedirectUri.default(null),
    scopes: Scopes.default([]),
});
const UpdateBody = z.object({ name: Name.optional(), redirectUri: RedirectUri.optional(), scopes: Scopes.optional() });
const GenerateSecretBody = z.object({
    partitionGlobalId: z.string(),
    clientId: z.string().min(1),
    description: z.string().max(256).nullable().default(null),
    expiryTime: z.iso.datetime({ offset: true, error: "The expiryTime must be an ISO 8601 date-time or null." }).nullable().default(null),
});

function listApps(ctx: RequestContext): HandlerResult {
    const org = canRead(ctx);
    checkPartition(org, param(ctx, "pg"));
    return { status: 200, body: org.externalApps.map((a) => appView(a, false)) };
}

function getApp(ctx: RequestContext): HandlerResult {
    const org = canRead(ctx);
    checkPartition(org, param(ctx, "pg"));
    const app = findApp(org, param(ctx, "clientId"));
    if (!app) throw errors.externalApplicationNotFound(param(ctx, "clientId"));
    return { status: 200, body: appView(app, false) };
}

function createApp(ctx: RequestContext): HandlerResult {
    const org = canWrite(ctx);
    const body = validate(CreateBody, jsonObject(ctx.body));
    checkPartition(org, body.partitionGlobalId);
    checkScopes(body.scopes);
    const now = ctx.deps.clock.now();
    const created = ctx.deps.store.update((draft) => {
        const o = findOrg(draft, org.name)!;
        const app: AppState = {
            id: newGuid(),
            name: body.name,
            isConfidential: body.isConfidential,
            redirectUri: body.redirectUri,
            scopes: [...new Set(body.scopes)],
            secrets: body.isConfidential
                ? [{ id: o.nextSecretId++, value: newKey(), description: null, creationTime: now, expiryTime: null }]
                : [],
        };
        o.externalApps.push(app);
        return app;
    });
    return { status: 201, body: appView(created, true) };
}

function updateApp(ctx: RequestContext): HandlerResult {
    const org = canWrite(ctx);
    checkPartition(org, param(ctx, "pg"));
    const body = validate(UpdateBody, jsonObject(ctx.body));
    if (body.scopes) checkScopes(body.scopes);
    const updated = ctx.deps.store.update((draft) => {
        const { app } = draftApp(draft, org, param(ctx, "clientId"));
        if (body.name !== undefined) app.name = body.name;
        if (body.redirectUri !== undefined) app.redirectUri = body.redirectUri;
        if (body.scopes !== undefined) app.scopes = [...new Set(body.scopes)];
        return app;
    });
    return { status: 200, body: appView(updated, false) };
}

/** Deleting an app also kills its tokens (the auth step checks the app still exists). */
function deleteApp(ctx: RequestContext): HandlerResult {
    const org = canWrite(ctx);
    checkPartition(org, param(ctx, "pg"));
    ctx.deps.store.update((draft) => {
        const found = draftApp(draft, org, param(ctx, "clientId"));
        found.org.externalApps = found.org.externalApps.filter((a) => a !== found.app);
    });
    return { status: 204 };
}

function generateSecret(ctx: RequestContext): HandlerResult {
    const org = canWrite(ctx);
    const body = validate(GenerateSecretBody, jsonObject(ctx.body));
    checkPartition(org, body.partitionGlobalId);
    const now = ctx.deps.clock.now();
    const expiry = body.expiryTime === null ? null : Date.parse(body.expiryTime);
    if (expiry !== null && expiry <= now) throw errors.validationFailed({ expiryTime: ["The expiryTime must be in the future."] });
    const secret = ctx.deps.store.update((draft) => {
        const { org: o, app } = draftApp(draft, org, body.clientId);
        if (!app.isConfidential) throw errors.validationFailed({ clientId: ["Secrets exist only for confidential applications."] });
        const entry = { id: o.nextSecretId++, value: newKey(), description: body.description, creationTime: now, expiryTime: expiry };
        app.secrets.push(entry);
        return entry;
    });
    return { status: 200, body: secretView(secret, true) };
}

function deleteSecret(ctx: RequestContext): HandlerResult {
    const org = canWrite(ctx);
    checkPartition(org, param(ctx, "pg"));
    const raw = param(ctx, "secretId");
    const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
    ctx.deps.store.update((draft) => {
        const o = findOrg(draft, org.name)!;
        const app = o.externalApps.find((a) => a.secrets.some((s) => s.id === id));
        if (!app) throw errors.secretNotFound(raw);
        app.secrets = app.secrets.filter((s) => s.id !== id);
    });
    return { status: 204 };
}

function catalog(ctx: RequestContext): HandlerResult {
    canRead(ctx);
    return { status: 200, body: SCOPE_CATALOG };
}

const route = (method: Route["method"], path: string, handler: Route["handler"], mutating: boolean): Route => ({
    method,
    pattern: `${BASE}${path}`,
    body: mutating && method !== "DELETE" ? "json" : "none",
    auth: "bearer",
    errorStyle: "identity",
    mutating,
    fidelity: externalClientFidelity(method, path),
    handler,
});

export const externalAppGroup: RouteGroup = {
    name: "externalApps",
    routes: [
        route("GET", "/ExternalApiResource", catalog, false),
        route("GET", "/ExternalClient/:pg", listApps, false),
        route("GET", "/ExternalClient/:pg/:clientId", getApp, false),
        route("POST", "/ExternalClient", createApp, true),
        route("PUT", "/ExternalClient/:pg/:clientId", updateApp, true),
        route("DELETE", "/ExternalClient/:pg/:clientId", deleteApp, true),
        route("POST", "/ExternalClient/GenerateSecret", generateSecret, true),
        route("DELETE", "/ExternalClient/:pg/secrets/:secretId", deleteSecret, true),
    ],
};
