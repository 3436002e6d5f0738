/**
 * Issued access tokens: opaque random strings, kept in memory only (a restart logs every
 * client out, like a key rotation would; clients re-authenticate on 401).
 */
import type { Clock } from "./clock";
import { newKey } from "./keys";

/** What a token stands for. User-key grants remember the exact key they were issued from. */
export type TokenGrant =
    | { kind: "app"; org: string; clientId: string; scopes: string[] }
    | { kind: "userKey"; org: string; tenant: string; userKey: string };

export interface IssuedToken {
    accessToken: string;
    expiresInSeconds: number;
}

export interface TokenRegistryOptions {
    clock: Clock;
    ttlSeconds: number;
}

export class TokenRegistry {
    private readonly tokens = new Map<string, { grant: TokenGrant; expiresAt: number }>();
    private readonly clock: Clock;
    readonly ttlSeconds: number;

    constructor(options: TokenRegistryOptions) {
        this.clock = options.clock;
        this.ttlSeconds = options.ttlSeconds;
    }

    issue(grant: TokenGrant): IssuedToken {
        this.sweep();
        const accessToken = newKey();
        this.tokens.set(accessToken, { grant, expiresAt: this.clock.now() + this.ttlSeconds * 1000 });
        return { accessToken, expiresInSeconds: this.ttlSeconds };
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
