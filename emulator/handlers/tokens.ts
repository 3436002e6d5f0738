/**
 * Token endpoints (documented):
 *  - POST /{org}/identity_/connect/token  client credentials of an external application (a secret,
 *                                          or a federated credential's assertion: ../assertions.ts)
 *  - POST /identity_/connect/token        the same, host-level (what uipathcli and UiPath's SDKs call)
 *  - POST /oauth/token                    user-key exchange (account.uipath.com, served on this host)
 * All answer OAuth error bodies; none ever echoes a credential.
 */
import { USER_KEY_CLIENT_ID } from "../config";
import { resourcesFor } from "../catalog";
import { orgOf, type Fidelity, type HandlerResult, type RequestContext, type Route, type RouteGroup } from "../context";
import { oauthErrors } from "../errors";
import { assertedClient, JWT_BEARER } from "../assertions";
import { credentialsEqual } from "../secretsMatch";
import { findApp, findUserKey, type AppState, type OrgState } from "../store/state";

/** OAuth responses must not be cached (RFC 6749 §5.1). */
const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

function fields(ctx: RequestContext): Record<string, string | undefined> {
    const body = ctx.body;
    if (body.kind === "form") return body.value;
    if (body.kind === "json" && typeof body.value === "object" && body.value !== null && !Array.isArray(body.value)) {
        const out: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(body.value)) if (typeof v === "string") out[k] = v;
        return out;
    }
    return {};
}

/** client_secret_post, or client_secret_basic when an Authorization: Basic header is sent. */
function clientCredentials(
    ctx: RequestContext,
    form: Record<string, string | undefined>,
): { id?: string; secret?: string } {
    const match = /^Basic\s+(\S+)$/i.exec(ctx.headers.authorization ?? "");
    if (match) {
        const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
        const colon = decoded.indexOf(":");
        if (colon > 0) {
            return {
                id: decodeURIComponent(decoded.slice(0, colon)),
                secret: decodeURIComponent(decoded.slice(colon + 1)),
            };
        }
    }
    return { id: form.client_id, secret: form.client_secret };
}

/**
 * Valid secrets: every secret entry of the app that is not deleted, not expired, and past its
 * propagation delay (`validFrom`, the seed's `wire.secretPropagationMs`: until then the answer is
 * the same `invalid_client` as for a wrong secret).
 */
function secretIsValid(app: AppState, secret: string, now: number): boolean {
    return app.secrets.some(
        (s) =>
            (s.expiryTime === null || s.expiryTime > now) &&
            (s.validFrom === undefined || s.validFrom <= now) &&
            credentialsEqual(secret, s.value),
    );
}

function bySecret(
    ctx: RequestContext,
    form: Record<string, string | undefined>,
    candidates: readonly OrgState[],
    now: number,
): { owner: OrgState; app: AppState } {
    const { id, secret } = clientCredentials(ctx, form);
    const owner = candidates.find((org) => {
        const app = id ? findApp(org, id) : undefined;
        return app !== undefined && app.isConfidential && secret !== undefined && secretIsValid(app, secret, now);
    });
    const app = owner && id ? findApp(owner, id) : undefined;
    if (!owner || !app) throw oauthErrors.invalidClient();
    return { owner, app };
}

/** A federated credential's assertion instead of a secret (see ../assertions.ts). */
async function byAssertion(
    ctx: RequestContext,
    form: Record<string, string | undefined>,
    candidates: readonly OrgState[],
): Promise<{ owner: OrgState; app: AppState }> {
    if (form.client_assertion_type !== JWT_BEARER)
        throw oauthErrors.invalidRequest(`client_assertion_type must be ${JWT_BEARER}.`);
    if (!form.client_assertion) throw oauthErrors.invalidRequest("client_assertion is required.");
    if (form.client_secret !== undefined)
        throw oauthErrors.invalidRequest("Send either client_secret or client_assertion, not both.");
    const { org, app } = await assertedClient(ctx, candidates, form.client_id, form.client_assertion);
    return { owner: org, app };
}

/** The emulator's issuer (modeled): Identity's host-level base on the host the client called. */
function issuer(ctx: RequestContext): string {
    return `http://${ctx.headers.host ?? "localhost"}/identity_`;
}

/**
 * Client credentials. Errors as Duende IdentityServer (UiPath Identity's server) sends them:
 * all 400; a missing grant_type is `unsupported_grant_type`. A requested scope the app holds only
 * as a user scope gets `invalid_request` "Client=<id> is not allowed to access User scopes", naming
 * no scope (observed: {@link USER_SCOPE_REFUSAL}); one not registered at all, `invalid_scope`.
 */
async function clientCredentialsGrant(ctx: RequestContext, pathOrg: OrgState | undefined): Promise<HandlerResult> {
    const form = fields(ctx);
    if (form.grant_type !== "client_credentials") {
        throw oauthErrors.unsupportedGrantType(form.grant_type ? undefined : "grant_type is required.");
    }
    // Host-level requests name no org: the client id (a GUID at UiPath) finds it.
    const candidates = pathOrg ? [pathOrg] : ctx.deps.store.read().orgs;
    const federated = form.client_assertion !== undefined || form.client_assertion_type !== undefined;
    const { owner, app } = federated
        ? await byAssertion(ctx, form, candidates)
        : bySecret(ctx, form, candidates, ctx.deps.clock.now());
    const requested = (form.scope ?? "").split(/\s+/).filter((s) => s.length > 0);
    // A scope the app holds only as a user scope (USER_SCOPE_REFUSAL); checked before unregistered ones: modeled order.
    if (requested.some((s) => !app.scopes.includes(s) && (app.userScopes ?? []).includes(s))) {
        throw oauthErrors
            .invalidRequest(`Client=${app.id} is not allowed to access User scopes`)
            .about({ org: owner.name, caller: `app:${app.id}` });
    }
    const notGranted = requested.filter((s) => !app.scopes.includes(s));
    if (notGranted.length > 0)
        throw oauthErrors.invalidScope(`Scopes not granted to this application: ${notGranted.join(" ")}`);
    const scopes = requested.length > 0 ? [...new Set(requested)] : [...app.scopes];
    const issued = await ctx.deps.tokens.issue(
        { kind: "app", org: owner.name, clientId: app.id, scopes, ...(federated ? { federated: true as const } : {}) },
        {
            iss: issuer(ctx),
            aud: resourcesFor(scopes).map((r) => r.name),
            sub: app.id,
            sub_type: "service.external",
            client_id: app.id,
            prt_id: owner.id,
            scope: scopes,
        },
    );
    return {
        status: 200,
        headers: NO_STORE,
        body: {
            access_token: issued.accessToken,
            expires_in: issued.expiresInSeconds,
            token_type: "Bearer",
            scope: scopes.join(" "),
        },
        audit: { org: owner.name, caller: `app:${app.id}` },
    };
}

const RETIRED =
    "API key authentication for Orchestrator has been retired for this organization; use an external application or a personal access token.";
const DIRECTORY =
    "API access is not available for organizations that sign in through a directory integration (Azure AD); use an external application.";
/** Auth0's text for an unknown refresh token (the account host is an Auth0 tenant: inference). */
const UNKNOWN_REFRESH_TOKEN = "Unknown or invalid refresh token.";
/** Auth0 commonly answers invalid_grant on /oauth/token with 403 (inference; no UiPath source). */
const ACCOUNT_INVALID_GRANT_STATUS = 403;

/**
 * The user-key exchange (documented request and success body, "Consuming Cloud API"). Refusals
 * are modeled on Auth0: 403 `invalid_grant`; for a directory-integration org or retired user keys
 * no public body exists, so they get the same error with their own description.
 */
async function userKeyGrant(ctx: RequestContext): Promise<HandlerResult> {
    const form = fields(ctx);
    if (!form.grant_type) throw oauthErrors.invalidRequest("grant_type is required.");
    if (form.grant_type !== "refresh_token") throw oauthErrors.unsupportedGrantType();
    if (form.client_id !== USER_KEY_CLIENT_ID) throw oauthErrors.invalidClient("Unknown client_id.");
    if (!form.refresh_token) throw oauthErrors.invalidRequest("refresh_token is required.");
    const hit = findUserKey(ctx.deps.store.read(), form.refresh_token);
    if (!hit) throw oauthErrors.invalidGrant(UNKNOWN_REFRESH_TOKEN, ACCOUNT_INVALID_GRANT_STATUS);
    // The key names its org: the audit records it even when the exchange is refused.
    const org = { org: hit.org.name };
    // Same order as the portal routes: directory integration first, then retirement.
    if (hit.org.directoryIntegration)
        throw oauthErrors.invalidGrant(DIRECTORY, ACCOUNT_INVALID_GRANT_STATUS).about(org);
    if (!hit.org.userKeyAccess) throw oauthErrors.invalidGrant(RETIRED, ACCOUNT_INVALID_GRANT_STATUS).about(org);

    const subject = `apikey|${hit.org.name}/${hit.tenant.name}`;
    const issued = await ctx.deps.tokens.issue(
        { kind: "userKey", org: hit.org.name, tenant: hit.tenant.name, userKey: form.refresh_token },
        {
            iss: `http://${ctx.headers.host ?? "localhost"}/`,
            aud: "https://orchestrator.cloud.uipath.com",
            sub: subject,
            sub_type: "user",
            client_id: USER_KEY_CLIENT_ID,
            prt_id: hit.org.id,
            scope: USER_KEY_SCOPES,
        },
    );
    const now = Math.floor(ctx.deps.clock.now() / 1000);
    return {
        status: 200,
        headers: NO_STORE,
        body: {
            access_token: issued.accessToken,
            id_token: unsignedJwt({
                iss: "uipath-emulator",
                aud: USER_KEY_CLIENT_ID,
                sub: subject,
                prt_id: hit.org.id,
                iat: now,
                exp: now + issued.expiresInSeconds,
            }),
            scope: USER_KEY_SCOPES.join(" "),
            expires_in: issued.expiresInSeconds,
            token_type: "Bearer",
        },
        audit: { ...org, caller: `userKey:${hit.tenant.name}` },
    };
}

/** The documented scope string of the user-key exchange's answer. */
const USER_KEY_SCOPES = ["openid", "profile", "email", "offline_access"];

/** A JWT-shaped id_token (alg "none"): parseable by clients, carries no credential. */
function unsignedJwt(claims: Record<string, unknown>): string {
    const part = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString("base64url");
    return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.`;
}

/** Where UiPath's answer to a user scope in a client-credentials request is recorded. */
const USER_SCOPE_REFUSAL =
    'UiPath-Services/UiPathOrch@767be6c88a5699fe6bf6dbd2fd95d6cd9e113b89:UiPathOrch/PlatformManagementCmdlet/PmExternalCmdlet/TestPmExternalApplication.cs (a user scope: invalid_request "Client=... is not allowed to access User scopes", observed on Cloud)';

/** Sources shared by both client-credentials routes. */
const TOKEN_SOURCES = [
    "Managing federated identity credentials (admin guide; the client_assertion form: grant_type, client_id, client_assertion, client_assertion_type, no scope in its example): https://docs.uipath.com/test-cloud/automation-cloud/latest/admin-guide/managing-federated-identity-credentials",
    "Federated identity credentials (Automation Suite 2.2610 admin guide; RS256, 8 KB, one-hour tokens with the client-credentials flow's scopes): https://dplt.cms.uipath.com/docs/test-cloud/automation-suite/2.2610/admin-guide/federated-identity-credentials",
    "Getting started with External APIs (Automation Cloud API guide): https://docs.uipath.com/automation-cloud/automation-cloud/latest/api-guide/getting-started-with-external-apis",
    "Authenticating with an external application (Orchestrator user guide; sub = client id, sub_type = service.external): https://docs.uipath.com/orchestrator/automation-cloud/latest/user-guide/authenticating-with-an-external-application",
    "UiPath/uipathcli@310b3050433d20bd6cad48e96a2d74a1cc8c074d:definitions/identity.token.yaml",
    "UiPath/uipath-python@c8ca9d716735731f9dad394b87dce83c344b5428:packages/uipath-platform/src/uipath/platform/identity/_identity_service.py#L82-L114 (prt_id claim: packages/uipath/src/uipath/_cli/_auth/_auth_service.py#L70-L74)",
    'Forum (observed bodies: {"error":"invalid_scope"}, expires_in 3600): https://forum.uipath.com/t/orchestrator-api-oauth2-get-refresh-token-for-confidential-application/341681',
    "DuendeSoftware/IdentityServer@029be6073851e912bd99d1afd8d0fa9809b15a41:src/IdentityServer/Validation/Default/TokenRequestValidator.cs (error codes; all 400: src/IdentityServer/Endpoints/Results/TokenErrorResult.cs)",
    USER_SCOPE_REFUSAL,
];

const tokenRoute = (pattern: string, handler: Route["handler"], fidelity: Fidelity): Route => ({
    method: "POST",
    pattern,
    body: "form",
    auth: "none",
    errorStyle: "oauth",
    mutating: false,
    fidelity,
    handler,
});

export const tokenGroup: RouteGroup = {
    name: "tokens",
    routes: [
        tokenRoute("/:org/identity_/connect/token", (ctx) => clientCredentialsGrant(ctx, orgOf(ctx)), {
            status: "documented",
            sources: TOKEN_SOURCES,
            note: "statuses and error codes inferred from Duende IdentityServer (the user-scope refusal observed); iss/aud values modeled; the assertion form documented, its success body (the client-credentials one) and its refusals' order and texts modeled",
        }),
        tokenRoute("/identity_/connect/token", (ctx) => clientCredentialsGrant(ctx, undefined), {
            status: "documented",
            sources: [
                "Using the credentials with the external application (DU API guide): https://docs.uipath.com/document-understanding/automation-cloud-public-sector/latest/api-guide/using-the-credentials-with-the-external-application",
                "UiPath/uipathcli@310b3050433d20bd6cad48e96a2d74a1cc8c074d:commandline/command_builder.go#L160-L183",
                ...TOKEN_SOURCES,
            ],
            note: "the org is found from the client id",
        }),
        {
            method: "POST",
            pattern: "/oauth/token",
            body: "jsonOrForm",
            auth: "none",
            errorStyle: "oauth",
            mutating: false,
            fidelity: {
                status: "documented",
                sources: [
                    "Consuming Cloud API (Orchestrator API guide): https://docs.uipath.com/orchestrator/automation-cloud-public-sector/latest/api-guide/consuming-cloud-api",
                    "API Keys (Automation Cloud API guide): https://docs.uipath.com/automation-cloud/automation-cloud/latest/api-guide/api-keys",
                    "auth0/Auth0.swift#819 (Auth0's invalid_grant text): https://github.com/auth0/Auth0.swift/issues/819",
                ],
                note: "request and success body documented; refusals inferred from Auth0 (403 invalid_grant), directory-integration/retired refusals modeled",
            },
            handler: userKeyGrant,
        },
    ],
};
