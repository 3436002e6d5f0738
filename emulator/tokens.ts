/**
 * Issued access tokens: RS256-signed JWTs (as UiPath's are: the DU API guide's example token
 * header is `{"alg":"RS256","kid":…}`), signed with a key pair made when the emulator starts,
 * through `jose` (no hand-written crypto). Clients that decode them find the claims UiPath's own
 * SDKs read (`prt_id`, `sub`, `sub_type`, `exp`, …; see {@link TokenClaims}).
 *
 * The emulator recognizes a token by its exact value in memory, not by its signature: a token it
 * did not issue, one that expired on the emulator's clock, or one whose grant was revoked fails,
 * whatever it claims. A restart forgets every token (clients re-authenticate on 401).
 */
import { generateKeyPair, SignJWT, type CryptoKey } from "jose";
import type { Clock } from "./clock";
import { newGuid } from "./keys";

/** What a token stands for. User-key grants remember the exact key they were issued from. */
export type TokenGrant =
    | { kind: "app"; org: string; clientId: string; scopes: string[]; federated?: true }
    | { kind: "userKey"; org: string; tenant: string; userKey: string };

/**
 * Claims of an issued token. `sub` = the client id and `sub_type` = `service.external` for
 * client credentials (documented: "Authenticating with an external application", Orchestrator
 * user guide); `prt_id` = the org id (observed: UiPath's Python SDK reads it,
 * UiPath/uipath-python@c8ca9d716735731f9dad394b87dce83c344b5428:packages/uipath/src/uipath/_cli/_auth/_auth_service.py#L73,
 * and so does UiPath-Services/UiPathOrch@4f6263d0efb2b654874da9e6ec5bc6855b063da8:UiPathOrch/AuthManager.cs
 * GetPartitionGlobalIdFromJwt); `client_id`,
 * `scope`, `iat`, `nbf`, `exp`, `jti` as Duende IdentityServer writes them (inference); the values
 * of `iss` and `aud` are modeled (no public source).
 */
export interface TokenClaims {
    iss: string;
    aud: string | string[];
    sub: string;
    sub_type: "service.external" | "user";
    client_id: string;
    prt_id: string;
    scope: string[];
}

/**
 * Access tokens issued through a federated credential live one hour ("Managing federated identity
 * credentials", admin guide, constraints:
 * https://docs.uipath.com/test-cloud/automation-cloud/latest/admin-guide/managing-federated-identity-credentials).
 */
export const FEDERATED_TTL_SECONDS = 3600;

export interface IssuedToken {
    accessToken: string;
    expiresInSeconds: number;
}

export interface TokenRegistryOptions {
    clock: Clock;
    /** Lifetime of client-credentials tokens (UiPath: 3600, observed in https://forum.uipath.com/t/orchestrator-api-oauth2-get-refresh-token-for-confidential-application/341681). */
    ttlSeconds: number;
    /** Lifetime of user-key tokens (UiPath: 86400, documented); default 86400. */
    userKeyTtlSeconds?: number;
    /** The signing key pair; made by {@link TokenRegistry.newSigningKey}. */
    signingKey: SigningKey;
}

export interface SigningKey {
    kid: string;
    privateKey: CryptoKey;
    publicKey: CryptoKey;
}

export class TokenRegistry {
    private readonly tokens = new Map<string, { grant: TokenGrant; expiresAt: number }>();
    private readonly clock: Clock;
    private readonly key: SigningKey;
    readonly ttlSeconds: number;
    readonly userKeyTtlSeconds: number;

    constructor(options: TokenRegistryOptions) {
        this.clock = options.clock;
        this.ttlSeconds = options.ttlSeconds;
        this.userKeyTtlSeconds = options.userKeyTtlSeconds ?? 86400;
        this.key = options.signingKey;
    }

    /** A fresh RS256 key pair; one per emulator start. */
    static async newSigningKey(): Promise<SigningKey> {
        const { privateKey, publicKey } = await generateKeyPair("RS256");
        return { kid: newGuid().replace(/-/g, "").toUpperCase(), privateKey, publicKey };
    }

    /** The public key, to check a token's signature (tests). */
    get publicKey(): CryptoKey {
        return this.key.publicKey;
    }

    async issue(grant: TokenGrant, claims: TokenClaims): Promise<IssuedToken> {
        this.sweep();
        const ttlSeconds =
            grant.kind === "userKey"
                ? this.userKeyTtlSeconds
                : grant.federated
                  ? FEDERATED_TTL_SECONDS
                  : this.ttlSeconds;
        const now = this.clock.now();
        const iat = Math.floor(now / 1000);
        const accessToken = await new SignJWT({
            sub_type: claims.sub_type,
            client_id: claims.client_id,
            prt_id: claims.prt_id,
            scope: claims.scope,
        })
            .setProtectedHeader({ alg: "RS256", kid: this.key.kid, typ: "at+jwt" })
            .setIssuer(claims.iss)
            .setAudience(claims.aud)
            .setSubject(claims.sub)
            .setIssuedAt(iat)
            .setNotBefore(iat)
            .setExpirationTime(iat + ttlSeconds)
            .setJti(newGuid())
            .sign(this.key.privateKey);
        this.tokens.set(accessToken, { grant, expiresAt: now + ttlSeconds * 1000 });
        return { accessToken, expiresInSeconds: ttlSeconds };
    }

    /** The grant behind a token, or undefined when unknown or expired. */
    lookup(accessToken: string): TokenGrant | undefined {
        const entry = this.tokens.get(accessToken);
        if (!entry) return undefined;
        if (entry.expiresAt <= this.clock.now()) {
            this.tokens.delete(accessToken);
            return undefined;
        }
        return entry.grant;
    }

    /** All token values (tests use this to check nothing leaks into the audit log). */
    values(): string[] {
        return [...this.tokens.keys()];
    }

    private sweep(): void {
        const now = this.clock.now();
        for (const [token, entry] of this.tokens) if (entry.expiresAt <= now) this.tokens.delete(token);
    }
}
