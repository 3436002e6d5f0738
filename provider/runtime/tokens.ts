/**
 * Access tokens for the management API. Client-credentials tokens are cached
 * per (base URL, organization, client id) for the whole provider process, so
 * all resources of one `pulumi up` share them; a personal access token is
 * used as it is.
 */
import { z } from "zod";
import type { Clock } from "./clock";
import type { Connection } from "./connection";
import type { RequestSpec, UiPathResponse } from "./client";

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

const cache = new Map<string, CachedToken>();
const pending = new Map<string, Promise<CachedToken>>();

/** How many tokens were fetched in this process (benchmarks and tests read it). */
export const tokenStats = { fetched: 0 };

type Post = (spec: RequestSpec<z.infer<typeof tokenResponseSchema>>) => Promise<UiPathResponse<z.infer<typeof tokenResponseSchema>>>;

export class TokenSource {
    private constructor(
        private readonly connection: Connection,
        private readonly clock: Clock,
        private readonly post: Post,
    ) {}

    static for(connection: Connection, deps: { clock: Clock; post: Post }): TokenSource {
        return new TokenSource(connection, deps.clock, deps.post);
    }

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
        cache.delete(this.key);
    }

    async token(): Promise<string> {
        const auth = this.connection.auth;
        if (auth.kind === "accessToken") return auth.token;
        const key = this.key;
        const cached = cache.get(key);
        if (cached && cached.expiresAt - renewMarginMs > this.clock.now()) return cached.token;
        let inFlight = pending.get(key);
        if (!inFlight) {
            inFlight = this.fetch(auth).finally(() => pending.delete(key));
            pending.set(key, inFlight);
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
        const { body } = await this.post({
            method: "POST",
            path: `${encodeURIComponent(this.connection.organization)}/identity_/connect/token`,
            form,
            schema: tokenResponseSchema,
            // Asking for a token twice is harmless.
            idempotent: true,
        });
        tokenStats.fetched += 1;
        const entry = { token: body.access_token, expiresAt: this.clock.now() + body.expires_in * 1000 };
        cache.set(this.key, entry);
        return entry;
    }
}
