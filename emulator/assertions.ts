/**
 * The client-credentials grant with a client assertion: a JWT from an external identity
 * provider, accepted when it matches one of the app's federated credentials.
 *
 * Documented: the form, `grant_type=client_credentials`, `client_id`, `client_assertion`,
 * `client_assertion_type` = jwt-bearer, form-encoded, no `scope` in the example ("Managing federated
 * identity credentials", admin guide,
 * https://docs.uipath.com/test-cloud/automation-cloud/latest/admin-guide/managing-federated-identity-credentials;
 * fixture test/fixtures/wire/token.clientAssertion.request.docs.json); RS256 only, JWTs over 8 KB
 * refused before validation, UiPath fetching the issuer's keys from its JWKS endpoint and checking
 * signature, issuer, audience, subject and expiry, tokens with the client-credentials flow's scopes
 * that live one hour ("Federated identity credentials", Automation Suite 2.2610 admin guide,
 * https://dplt.cms.uipath.com/docs/test-cloud/automation-suite/2.2610/admin-guide/federated-identity-credentials).
 * Modeled: the order of the checks after the size, and every refusal's text (all `invalid_client`,
 * 400, as Duende IdentityServer answers a client it cannot authenticate). The texts name the
 * credential and the claim to fix, never the assertion.
 */
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify } from "jose";
import type { RequestContext } from "./context";
import { oauthErrors } from "./errors";
import { findApp, type AppState, type FederatedCredentialState, type OrgState } from "./store/state";

export const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** "JWTs larger than 8 KB are rejected before validation." */
export const MAX_ASSERTION_BYTES = 8 * 1024;

export interface AssertedClient {
    org: OrgState;
    app: AppState;
    credential: FederatedCredentialState;
}

const refuse = (description: string) => oauthErrors.invalidClient(description);

function claimsOf(assertion: string): { alg: string; iss?: string; sub?: string; aud: string[] } {
    try {
        const header = decodeProtectedHeader(assertion);
        const claims = decodeJwt(assertion);
        const aud = claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
        return { alg: String(header.alg), iss: claims.iss, sub: claims.sub, aud };
    } catch {
        throw refuse("The client assertion is not a JWT.");
    }
}

/** The credential the claims miss by the least, and what to fix in it. */
function mismatch(credentials: FederatedCredentialState[], sub: string | undefined, aud: string[]): string {
    const bySubject = credentials.find((c) => c.subject === sub);
    if (bySubject)
        return `federated credential '${bySubject.name}' expects audience '${bySubject.audience}' but the assertion's aud is '${aud.join(" ")}'`;
    const byAudience = credentials.find((c) => aud.includes(c.audience)) ?? credentials[0]!;
    return `federated credential '${byAudience.name}' expects subject '${byAudience.subject}' but the assertion's sub is '${sub ?? ""}'`;
}

/** Authenticates `clientId` by its assertion; throws `invalid_client` saying what to fix. */
export async function assertedClient(
    ctx: RequestContext,
    candidates: readonly OrgState[],
    clientId: string | undefined,
    assertion: string,
): Promise<AssertedClient> {
    ctx.deps.issuers.noteAssertion(assertion, clientId);
    if (Buffer.byteLength(assertion, "utf8") > MAX_ASSERTION_BYTES)
        throw refuse(`The client assertion is larger than 8 KB (${MAX_ASSERTION_BYTES} bytes).`);
    const claims = claimsOf(assertion);
    if (claims.alg !== "RS256")
        throw refuse(`The client assertion is signed with ${claims.alg}; only RS256 is accepted.`);
    let org: OrgState | undefined;
    let app: AppState | undefined;
    for (const o of candidates) {
        app = clientId ? findApp(o, clientId) : undefined;
        if (app) {
            org = o;
            break;
        }
    }
    const all = app?.federatedCredentials ?? [];
    if (!org || !app || all.length === 0)
        throw refuse(`Client '${clientId ?? ""}' has no federated credential to check an assertion against.`);
    const sameIssuer = all.filter((c) => c.issuer === claims.iss);
    if (sameIssuer.length === 0)
        throw refuse(
            `No federated credential of client '${app.id}' has issuer '${claims.iss ?? ""}' (the assertion's iss); the client's issuers: ${[...new Set(all.map((c) => c.issuer))].join(", ")}.`,
        );
    const issuer = sameIssuer[0]!.issuer;
    let keys;
    try {
        keys = await ctx.deps.issuers.keysOf(issuer, ctx.headers.host ?? "");
    } catch (err) {
        throw refuse(
            `The JWKS of issuer '${issuer}' could not be fetched (${err instanceof Error ? err.message : String(err)}).`,
        );
    }
    try {
        await jwtVerify(assertion, keys, {
            algorithms: ["RS256"],
            issuer,
            currentDate: new Date(ctx.deps.clock.now()),
        });
    } catch (err) {
        if (err instanceof joseErrors.JWTExpired) {
            const exp = decodeJwt(assertion).exp;
            const when = exp === undefined ? "" : ` at ${new Date(exp * 1000).toISOString()}`;
            throw refuse(`The client assertion expired${when} (its exp); request a fresh one from the issuer.`);
        }
        throw refuse(`The client assertion's signature does not verify against the JWKS of issuer '${issuer}'.`);
    }
    const credential = sameIssuer.find((c) => c.subject === claims.sub && claims.aud.includes(c.audience));
    if (!credential)
        throw refuse(`The client assertion does not match: ${mismatch(sameIssuer, claims.sub, claims.aud)}.`);
    return { org, app, credential };
}
