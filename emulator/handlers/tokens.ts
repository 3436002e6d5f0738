/**
 * Token endpoints (documented):
 *  - POST /{org}/identity_/connect/token  client credentials of an external application
 *  - POST /oauth/token                    user-key exchange (account.uipath.com, served on this host)
 * Both answer OAuth error bodies; neither ever echoes a credential.
 */
import { USER_KEY_CLIENT_ID } from "../config";
import { orgOf, type HandlerResult, type RequestContext, type RouteGroup } from "../context";
import { oauthErrors } from "../errors";
import { credentialsEqual } from "../secretsMatch";
import { findApp, findUserKey, type AppState } from "../store/state";

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
function clientCredentials(ctx: RequestContext, form: Record<string, string | undefined>): { id?: string; secret?: string } {
    const match = /^Basic\s+(\S+)$/i.exec(ctx.headers.authorization ?? "");
    if (match) {
        const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
        const colon = decoded.indexOf(":");
        if (colon > 0) {
            return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
        }
    }
    return { id: form.client_id, secret: form.client_secret };
}

/** Valid secrets: every secret entry of the app that is not deleted and not expired. */
function secretIsValid(app: AppState, secret: string, now: number): boolean {
    return app.secrets.some((s) => (s.expiryTime === null || s.expiryTime > now) && credentialsEqual(secret, s.value));
}

function clientCredentialsGrant(ctx: RequestContext): HandlerResult {
    const org = orgOf(ctx);
    const form = fields(ctx);
    if (!form.grant_type) throw oauthErrors.invalidRequest("grant_type is required.");
    if (form.grant_type !== "client_credentials") throw oauthErrors.unsupportedGrantType();
    const { id, secret } = clientCredentials(ctx, form);
    const app = id ? findApp(org, id) : undefined;
    if (!app || !app.isConfidential || !secret || !secretIsValid(app, secret, ctx.deps.clock.now())) {
        throw oauthErrors.invalidClient();
    }
    const requested = (form.scope ?? "").split(/\s+/).filter((s) => s.length > 0);
    const notGranted = requested.filter((s) => !app.scopes.includes(s));
    if (notGranted.length > 0) throw oauthErrors.invalidScope(`Scopes not granted to this application: ${notGranted.join(" ")}`);
    const scopes = requested.length > 0 ? [...new Set(requested)] : [...app.scopes];
    const issued = ctx.deps.tokens.issue({ kind: "app", org: org.name, clientId: app.id, scopes });
    return {
        status: 200,
        headers: NO_STORE,
        body: { access_token: issued.accessToken, expires_in: issued.expiresInSeconds, token_type: "Bearer", scope: scopes.join(" ") },
        audit: { caller: `app:${app.id}` },
    };
}

const RETIRED =
    "API key authentication for Orchestrator has been retired for this organization; use an external application or a personal access token.";
const DIRECTORY =
    "API access is not available for organizations that sign in through a directory integration (Azure AD); use an external application.";

function userKeyGrant(ctx: RequestContext): HandlerResult {
    const form = fields(ctx);
    if (!form.grant_type) throw oauthErrors.invalidRequest("grant_type is required.");
    if (form.grant_type !== "refresh_token") throw oauthErrors.unsupportedGrantType();
    if (form.client_id !== USER_KEY_CLIENT_ID) throw oauthErrors.invalidGrant("Unknown client_id.");
    if (!form.refresh_token) throw oauthErrors.invalidRequest("refresh_token is required.");
    const hit = findUserKey(ctx.deps.store.read(), form.refresh_token);
    if (!hit) throw oauthErrors.invalidGrant("The user key is unknown or has been revoked.");
    // The key names its org: the audit records it even when the exchange is refused.
    const org = { org: hit.org.name };
    // Same order as the portal routes: directory integration first, then retirement.
    if (hit.org.directoryIntegration) throw oauthErrors.invalidGrant(DIRECTORY).about(org);
    if (!hit.org.userKeyAccess) throw oauthErrors.invalidGrant(RETIRED).about(org);

    const issued = ctx.deps.tokens.issue({ kind: "userKey", org: hit.org.name, tenant: hit.tenant.name, userKey: form.refresh_token });
    const now = Math.floor(ctx.deps.clock.now() / 1000);
    return {
        status: 200,
        headers: NO_STORE,
        body: {
            access_token: issued.accessToken,
            id_token: unsignedJwt({
                iss: "uipath-emulator",
                aud: USER_KEY_CLIENT_ID,
                sub: `apikey:${hit.org.name}/${hit.tenant.name}`,
                prt_id: hit.org.id,
                iat: now,
                exp: now + issued.expiresInSeconds,
            }),
            scope: "openid profile email offline_access",
            expires_in: issued.expiresInSeconds,
            token_type: "Bearer",
        },
        audit: { ...org, caller: `userKey:${hit.tenant.name}` },
    };
}

/** A JWT-shaped id_token (alg "none"): parseable by clients, carries no credential. */
function unsignedJwt(claims: Record<string, unknown>): string {
    const part = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString("base64url");
    return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.`;
}

export const tokenGroup: RouteGroup = {
    name: "tokens",
    routes: [
        {
            method: "POST",
            pattern: "/:org/identity_/connect/token",
            body: "form",
            auth: "none",
            errorStyle: "oauth",
            mutating: false,
            handler: clientCredentialsGrant,
        },
        {
            method: "POST",
            pattern: "/oauth/token",
            body: "jsonOrForm",
            auth: "none",
            errorStyle: "oauth",
            mutating: false,
            handler: userKeyGrant,
        },
    ],
};
