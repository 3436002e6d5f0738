/**
 * OpenID issuers as the federated-credential routes and the token endpoint see them.
 *
 * Test issuers (the emulator's own, for tests and for users' CI to play GitHub's part offline):
 * `/__emulator/oidc/{name}` serves a discovery document, its JWKS and a route that mints RS256
 * tokens for a subject and audience. A test issuer's identifier is
 * `https://{the emulator's host}/__emulator/oidc/{name}`: UiPath accepts only HTTPS issuers, and
 * the emulator, which speaks plain HTTP, resolves its own issuers without a network call. Keys are
 * made on first use and live in memory: a restart forgets them, as it forgets access tokens.
 *
 * Any other issuer is reached over the network (`{issuer}/.well-known/openid-configuration`, then
 * its `jwks_uri`), as UiPath does when a credential is created or updated ("Managing federated
 * identity credentials", admin guide: it checks the issuer's JWKS endpoint is reachable).
 */
import {
    createLocalJWKSet,
    createRemoteJWKSet,
    exportJWK,
    generateKeyPair,
    SignJWT,
    type CryptoKey,
    type JSONWebKeySet,
    type JWTVerifyGetKey,
} from "jose";
import type { Clock } from "./clock";
import { newGuid } from "./keys";

/** The path every test issuer lives under. */
export const TEST_ISSUER_PATH = "/__emulator/oidc/";

interface TestIssuer {
    kid: string;
    privateKey: CryptoKey;
    jwks: JSONWebKeySet;
}

export interface MintRequest {
    name: string;
    /** The emulator's host as the caller reached it (`Host` header): part of the issuer's identifier. */
    host: string;
    subject: string;
    audience: string;
    /** Default 300 s; negative for an already expired token (tests). */
    expiresInSeconds?: number;
    /** Default RS256; RS384/RS512 sign with a throwaway key of that algorithm (tests of the refusal). */
    alg?: "RS256" | "RS384" | "RS512";
}

export class IssuerRegistry {
    private readonly issuers = new Map<string, Promise<TestIssuer>>();
    private readonly remote = new Map<string, JWTVerifyGetKey>();

    constructor(
        private readonly deps: {
            clock: Clock;
            /** Called with every token minted or assertion received, so the secret scan knows them. */
            record: (value: string, what: string) => void;
        },
    ) {}

    /** The identifier of test issuer `name` on `host`. */
    static issuerUrl(host: string, name: string): string {
        return `https://${host}${TEST_ISSUER_PATH}${encodeURIComponent(name)}`;
    }

    /** The test issuer's name when `issuer` is one of this emulator's (reached at `host`). */
    static testIssuerName(issuer: string, host: string): string | undefined {
        let url: URL;
        try {
            url = new URL(issuer);
        } catch {
            return undefined;
        }
        if (url.protocol !== "https:" || url.host !== host || !url.pathname.startsWith(TEST_ISSUER_PATH))
            return undefined;
        const name = decodeURIComponent(url.pathname.slice(TEST_ISSUER_PATH.length));
        return name.length > 0 && !name.includes("/") ? name : undefined;
    }

    private testIssuer(name: string): Promise<TestIssuer> {
        let issuer = this.issuers.get(name);
        if (!issuer) {
            issuer = (async () => {
                const { privateKey, publicKey } = await generateKeyPair("RS256");
                const kid = newGuid().replace(/-/g, "");
                const jwk = { ...(await exportJWK(publicKey)), kid, use: "sig", alg: "RS256" };
                return { kid, privateKey, jwks: { keys: [jwk] } };
            })();
            this.issuers.set(name, issuer);
        }
        return issuer;
    }

    async jwks(name: string): Promise<JSONWebKeySet> {
        return (await this.testIssuer(name)).jwks;
    }

    async mint(request: MintRequest): Promise<string> {
        const issuer = await this.testIssuer(request.name);
        const iat = Math.floor(this.deps.clock.now() / 1000);
        const alg = request.alg ?? "RS256";
        const token = await new SignJWT({})
            .setProtectedHeader({ alg, kid: issuer.kid, typ: "JWT" })
            .setIssuer(IssuerRegistry.issuerUrl(request.host, request.name))
            .setSubject(request.subject)
            .setAudience(request.audience)
            .setIssuedAt(iat)
            .setNotBefore(iat - 5)
            .setExpirationTime(iat + (request.expiresInSeconds ?? 300))
            .setJti(newGuid())
            .sign(alg === "RS256" ? issuer.privateKey : (await generateKeyPair(alg)).privateKey);
        this.deps.record(token, `an assertion minted by test issuer ${request.name} for ${request.subject}`);
        return token;
    }

    /** Records an assertion a client sent (valid or not): it must never show up anywhere. */
    noteAssertion(assertion: string, clientId: string | undefined): void {
        this.deps.record(assertion, `a client assertion sent for client ${clientId ?? "(none)"}`);
    }

    /**
     * The keys of an issuer, checked reachable: a test issuer's at once, any other's fetched
     * (discovery, then JWKS; 5 s each). Throws an Error saying what failed.
     */
    async keysOf(issuer: string, host: string): Promise<JWTVerifyGetKey> {
        const name = IssuerRegistry.testIssuerName(issuer, host);
        if (name !== undefined) return createLocalJWKSet(await this.jwks(name));
        const cached = this.remote.get(issuer);
        if (cached) return cached;
        const discovery = `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
        const doc = (await fetchJson(discovery)) as { jwks_uri?: unknown };
        if (typeof doc.jwks_uri !== "string") throw new Error(`${discovery} names no jwks_uri`);
        await fetchJson(doc.jwks_uri);
        const keys = createRemoteJWKSet(new URL(doc.jwks_uri));
        this.remote.set(issuer, keys);
        return keys;
    }
}

async function fetchJson(url: string): Promise<unknown> {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000), headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
    return response.json();
}
