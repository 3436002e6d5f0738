/**
 * Access tokens for the management API. Client-credentials tokens are cached
 * per (base URL, organization, client id) in a {@link TokenCache} that the
 * provider process owns (see `ProviderContext`), so all resources of one
 * `pulumi up` share them; a personal access token is used as it is.
 */
import { z } from "zod";
import type { Clock } from "../clock";
import type { Connection } from "../inputs/connection";
import type { SendRequest } from "./request";

const tokenResponseSchema = z.object({
    access_token: z.string().min(1),
    expires_in: z.number().positive(),
    token_type: z.string(),
    scope: z.string().optional(),
});

interface CachedToken {
    token: string;
    expiresAt: number;
}

/** Tokens are renewed this long before they expire, so a long `up` never sends a dying one. */
const renewMarginMs = 60_000;

/** Tokens shared by every client of one provider process, and how many were fetched. */
export class TokenCache {
    readonly entries = new Map<string, CachedToken>();
    /** Fetches under way, so concurrent resources wait for one token instead of asking for several. */
    readonly pending = new Map<string, Promise<CachedToken>>();
    /** How many tokens were fetched (benchmarks and tests read it). */
    readonly stats = { fetched: 0 };
}

/** The tokens of one connection, read from and written to a shared {@link TokenCache}. */
export class TokenSource {
    constructor(
        private readonly connection: Connection,
        private readonly deps: { cache: TokenCache; clock: Clock; send: SendRequest },
    ) {}

    /** Only client-credentials tokens can be fetched again. */
    get canRefresh(): boolean {
        return this.connection.auth.kind === "clientCredentials";
    }

    private get key(): string {
        const { baseUrl, organization, auth } = this.connection;
        return `${baseUrl}|${organization}|${auth.kind === "clientCredentials" ? auth.clientId : "token"}`;
    }

    /** Forgets the cached token (after a 401). */
    invalidate(): void {
        this.deps.cache.entries.delete(this.key);
    }

    async token(): Promise<string> {
        const auth = this.connection.auth;
        if (auth.kind === "accessToken") return auth.token;
        const { cache, clock } = this.deps;
        const key = this.key;
        const cached = cache.entries.get(key);
        if (cached && cached.expiresAt - renewMarginMs > clock.now()) return cached.token;
        let inFlight = cache.pending.get(key);
        if (!inFlight) {
            inFlight = this.fetch(auth).finally(() => cache.pending.delete(key));
            cache.pending.set(key, inFlight);
        }
        return (await inFlight).token;
    }

    private async fetch(auth: { clientId: string; clientSecret: string; scopes?: string }): Promise<CachedToken> {
        const form: Record<string, string> = {
            grant_type: "client_credentials",
            client_id: auth.clientId,
            client_secret: auth.clientSecret,
        };
        if (auth.scopes) form.scope = auth.scopes;
        const { body } = await this.deps.send({
            method: "POST",
            path: `${encodeURIComponent(this.connection.organization)}/identity_/connect/token`,
            form,
            schema: tokenResponseSchema,
            authenticate: false,
            // Asking for a token twice is harmless.
            idempotent: true,
        });
        this.deps.cache.stats.fetched += 1;
        const entry = { token: body.access_token, expiresAt: this.deps.clock.now() + body.expires_in * 1000 };
        this.deps.cache.entries.set(this.key, entry);
        return entry;
    }
}
