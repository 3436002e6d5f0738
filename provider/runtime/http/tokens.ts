/**
 * Access tokens for the management API. Client-credentials tokens (a client secret, or a client
 * assertion matched by a federated credential) are cached per (base URL, organization, client id)
 * in a {@link TokenCache} that the provider process owns (see `ProviderContext`), so all resources
 * of one `pulumi up` share them; a personal access token is used as it is.
 *
 * The assertion form is documented in "Managing federated identity credentials" (admin guide,
 * https://docs.uipath.com/test-cloud/automation-cloud/latest/admin-guide/managing-federated-identity-credentials):
 * `grant_type=client_credentials`, `client_id`, `client_assertion`,
 * `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`, form-encoded
 * (test/fixtures/wire/token.clientAssertion.request.docs.json). Its example sends no `scope`: the
 * provider sends one only when `uipath:scopes` is set ("Federated identity credentials", Automation
 * Suite 2.2610 admin guide, https://dplt.cms.uipath.com/docs/test-cloud/automation-suite/2.2610/admin-guide/federated-identity-credentials:
 * such tokens get the client-credentials flow's scopes, and live one hour). The assertion is never
 * logged, stored or put in an error.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { Clock } from "../clock";
import type { AssertionSource, Auth, Connection } from "../inputs/connection";
import { AuthenticationError, InvalidInputError, UiPathError } from "../reporting/errors";
import type { SendRequest } from "./request";
import { expiryOfJwt } from "./tokenClaims";

export const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** GitHub Actions' answer to its ID-token request. */
const githubIdTokenSchema = z.object({ value: z.string().min(1) });

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
    /** GitHub Actions' ID tokens by request URL and audience, until near their `exp`. */
    readonly assertions = new Map<string, CachedToken>();
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
        return this.connection.auth.kind !== "accessToken";
    }

    private get key(): string {
        const { baseUrl, organization, auth } = this.connection;
        return `${baseUrl}|${organization}|${auth.kind === "accessToken" ? "token" : `${auth.kind}:${auth.clientId}`}`;
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

    private async fetch(auth: Exclude<Auth, { kind: "accessToken" }>): Promise<CachedToken> {
        const form: Record<string, string> = { grant_type: "client_credentials", client_id: auth.clientId };
        const secrets: string[] = [];
        if (auth.kind === "clientCredentials") form.client_secret = auth.clientSecret;
        else {
            const assertion = await this.assertion(auth.assertion);
            secrets.push(assertion);
            form.client_assertion = assertion;
            form.client_assertion_type = JWT_BEARER;
        }
        if (auth.scopes) form.scope = auth.scopes;
        const { body } = await this.deps.send({
            method: "POST",
            path: `${encodeURIComponent(this.connection.organization)}/identity_/connect/token`,
            form,
            schema: tokenResponseSchema,
            authenticate: false,
            // Asking for a token twice is harmless.
            idempotent: true,
            secrets,
            signingInWith: auth.kind === "clientAssertion" ? auth.describe : undefined,
        });
        this.deps.cache.stats.fetched += 1;
        const entry = { token: body.access_token, expiresAt: this.deps.clock.now() + body.expires_in * 1000 };
        this.deps.cache.entries.set(this.key, entry);
        return entry;
    }

    /** The assertion to send now: as given, read from its file, or GitHub's (fetched again near its expiry). */
    private async assertion(source: AssertionSource): Promise<string> {
        if (source.from === "value") return source.assertion;
        if (source.from === "file") {
            let text: string;
            try {
                text = await readFile(source.path, "utf8");
            } catch (err) {
                const code = (err as NodeJS.ErrnoException).code ?? "unreadable";
                throw new InvalidInputError(
                    `the client assertion file ${source.path} could not be read (${code}): check uipath:clientAssertionFile and that the platform writes the file before Pulumi runs`,
                    { cause: err },
                );
            }
            return text.trim();
        }
        const key = `github|${source.requestUrl}|${source.audience}`;
        const cached = this.deps.cache.assertions.get(key);
        if (cached && cached.expiresAt - renewMarginMs > this.deps.clock.now()) return cached.token;
        const url = new URL(source.requestUrl);
        url.searchParams.set("audience", source.audience);
        let body: z.infer<typeof githubIdTokenSchema>;
        try {
            ({ body } = await this.deps.send({
                method: "GET",
                baseUrl: url.origin,
                path: `${url.pathname.slice(1)}${url.search}`,
                headers: { authorization: `bearer ${source.requestToken}` },
                schema: githubIdTokenSchema,
                authenticate: false,
                secrets: [source.requestToken],
            }));
        } catch (err) {
            // The failure is GitHub's, not UiPath's: say so rather than blame UiPath credentials.
            throw new AuthenticationError(
                `GitHub Actions did not give an ID token for audience '${source.audience}' (${url.host}): check that the job has \`permissions: id-token: write\` and runs on GitHub Actions (${githubFailure(err)})`,
                { cause: err },
            );
        }
        const expiresAt = expiryOfJwt(body.value) ?? this.deps.clock.now() + renewMarginMs * 2;
        this.deps.cache.assertions.set(key, { token: body.value, expiresAt });
        return body.value;
    }
}

/** What went wrong with GitHub's ID-token request, without the provider's UiPath-specific advice. */
function githubFailure(err: unknown): string {
    if (err instanceof UiPathError && err.status !== undefined) return `HTTP ${err.status}`;
    return err instanceof Error ? err.message : String(err);
}
