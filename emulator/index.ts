/**
 * Local emulator of the UiPath Automation Cloud APIs this project manages.
 * `startEmulator()` is the only entry point; everything is configured through one options object.
 */
import { AuditLog, type AuditEntry } from "./audit";
import { systemClock, type Clock } from "./clock";
import { buildState, resolveSeedConfig, type SeedConfig } from "./config";
import type { Deps } from "./context";
import { FaultInjector } from "./faults";
import { IssuerRegistry } from "./issuers";
import { Pipeline } from "./pipeline";
import { RateLimiter, type RateLimits } from "./rateLimit";
import { RecordingTokenRegistry, SecretLedger, type IssuedSecret } from "./secretLedger";
import { EmulatorServer } from "./server";
import { TokenRegistry } from "./tokens";
import type { CryptoKey } from "jose";
import { FileStore } from "./store/file";
import { MemoryStore } from "./store/memory";
import type { Store } from "./store/store";

export { ManualClock, systemClock, type Clock } from "./clock";
export { AAD_ORG_ID, DEMO_ORG_ID, DEMO_SEED, RETIRED_ORG_ID, USER_KEY_CLIENT_ID, type SeedConfig } from "./config";
export type { AuditEntry } from "./audit";
export type { IssuedSecret } from "./secretLedger";
export type { RateLimits } from "./rateLimit";
export type { Store } from "./store/store";
export type { State } from "./store/state";

export interface EmulatorOptions {
    /** TCP port; 0 (default) picks a free one. */
    port?: number;
    /** Interface to bind; default 127.0.0.1 (admin routes have no auth, keep it on loopback). */
    host?: string;
    /** Persist state in `<dataDir>/state.json`; memory only when omitted. */
    dataDir?: string;
    /** Seed config object or path to a JSON file; the demo seed when omitted. */
    config?: SeedConfig | string;
    /** Source of "now" for everything; the system clock when omitted. */
    clock?: Clock;
    /** Lifetime of client-credentials access tokens (default 3600, as UiPath's). */
    tokenTtlSeconds?: number;
    /** Lifetime of tokens from the user-key exchange (default 86400, as documented). */
    userKeyTokenTtlSeconds?: number;
    /**
     * Overrides of Identity's published rate limits (window 300 s; GET 300, POST 24000,
     * PUT/PATCH/DELETE 160), applied to `/{org}/identity_/` only; the published limits apply when
     * omitted. `"off"`: no limit at all (Orchestrator's listings too) until
     * `PUT`/`DELETE /__emulator/rate-limits` sets them again.
     */
    rateLimits?: Partial<RateLimits> | "off";
    /**
     * Real-time delay of every API request, in milliseconds (default 0), as a network with that
     * round trip; admin routes are not delayed.
     */
    latencyMs?: number;
    /** Largest accepted request body (default 64 KiB). */
    maxBodyBytes?: number;
    /** Seed of the PRNG used for fault `rate` rolls (default 1). */
    faultSeed?: number;
    /** Called with unexpected handler errors (default: printed to stderr). */
    onUnexpectedError?: (err: unknown) => void;
}

export interface Emulator {
    /** Base URL, e.g. `http://127.0.0.1:53012`. */
    readonly url: string;
    readonly port: number;
    readonly clock: Clock;
    /** The state store, for tests that inspect or adjust state directly. */
    readonly store: Store;
    /** A copy of the audit log. */
    audit(): AuditEntry[];
    /** The key that signs the access tokens (made at start; tests check signatures with it). */
    readonly tokenPublicKey: CryptoKey;
    /** Every access token currently issued (tests use it to prove none leaks). */
    issuedTokens(): string[];
    /** Every secret value held or issued since start, even if since replaced or expired (tests scan output for them). */
    secretsEverIssued(): IssuedSecret[];
    /** Stops the server and releases the store. */
    close(): Promise<void>;
}

/** The largest latency accepted, as for a fault's (faults.ts). */
export const MAX_LATENCY_MS = 60_000;

function validLatency(ms: number): number {
    if (!Number.isInteger(ms) || ms < 0 || ms > MAX_LATENCY_MS)
        throw new Error(`latencyMs must be an integer from 0 to ${MAX_LATENCY_MS}, got ${ms}`);
    return ms;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const clock = options.clock ?? systemClock;
    const seedConfig = resolveSeedConfig(options.config);
    const seed = () => buildState(seedConfig, clock);
    const ledger = new SecretLedger();
    const store: Store = ledger.watch(
        options.dataDir ? FileStore.open({ dataDir: options.dataDir, seed }) : new MemoryStore({ initial: seed() }),
    );
    const deps: Deps = {
        store,
        clock,
        tokens: new RecordingTokenRegistry(
            {
                clock,
                ttlSeconds: options.tokenTtlSeconds ?? 3600,
                userKeyTtlSeconds: options.userKeyTokenTtlSeconds,
                signingKey: await TokenRegistry.newSigningKey(),
            },
            ledger,
        ),
        issuers: new IssuerRegistry({ clock, record: (value, what) => ledger.record(value, what) }),
        audit: new AuditLog({ clock }),
        faults: new FaultInjector({ seed: options.faultSeed }),
        rateLimiter: new RateLimiter(
            options.rateLimits === "off" ? { clock, off: true } : { clock, limits: options.rateLimits },
        ),
        latencyMs: validLatency(options.latencyMs ?? 0),
        wire: seedConfig.wire,
    };
    const pipeline = new Pipeline({
        deps,
        maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
        onUnexpectedError: options.onUnexpectedError ?? ((err) => console.error("emulator: unexpected error:", err)),
    });
    const server = new EmulatorServer({
        handler: pipeline,
        host: options.host ?? "127.0.0.1",
        port: options.port ?? 0,
    });
    let url: string;
    try {
        url = await server.start();
    } catch (err) {
        await store.close();
        throw err;
    }
    let closed: Promise<void> | undefined;
    return {
        url,
        port: Number(new URL(url).port),
        clock,
        store,
        audit: () => deps.audit.list(),
        tokenPublicKey: deps.tokens.publicKey,
        issuedTokens: () => deps.tokens.values(),
        secretsEverIssued: () => ledger.list(),
        close: () => (closed ??= server.close().then(() => store.close())),
    };
}
