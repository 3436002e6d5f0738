/**
 * The one owner of process-wide state in the provider process. The runtime
 * entry creates one per process and hands it to every kind's provider, so
 * all resources of one `pulumi up` share the stack config, the clock, the
 * cached tokens, the shared reads and the rotations `diff` decided. Tests build their own.
 */
import { UiPathClient, type ClientOptions } from "./http/client";
import { clockFromEnv, type Clock } from "./clock";
import { resolveConnection, type Connection, type ConnectionInput, type StackConfig } from "./inputs/connection";
import { SharedReads } from "./http/sharedReads";
import { TokenCache } from "./http/tokens";
import { KeyMemory } from "./lifecycle/keyMemory";
import { inSettingTerms } from "./reporting/userFacing";

/** What starts every notice line, so the user knows it comes from this provider. */
export const NOTICE_PREFIX = "uipath: ";

export interface ProviderContextOptions {
    /** Default: the system clock, or the time fixed by `UIPATH_KEYS_NOW`. */
    clock?: Clock;
    /** Default: none until the engine calls `configure()`. */
    stackConfig?: StackConfig;
    /** Where `UIPATH_*` settings are read (default `process.env`). */
    env?: NodeJS.ProcessEnv;
    /** Where {@link ProviderContext.notice} writes its lines, prefix included (default: stderr). */
    notice?: (line: string) => void;
    /** Retry and timeout settings for every client (tests shorten them). */
    client?: Omit<ClientOptions, "clock" | "tokens">;
}

export class ProviderContext {
    /** The stack config received through `configure()` (secrets decrypted). */
    stackConfig: StackConfig;
    /** The one source of "now": rotation due dates, `rotatedAt`, token expiry. */
    readonly clock: Clock;
    /** Tokens shared by every client of this process, with fetch counts. */
    readonly tokens = new TokenCache();
    /** What the key lifecycle remembers within this run (rotations decided, keys handed out). */
    readonly keys = new KeyMemory();
    /** Reads many resources of one organization need, made once per run (listings, the scope catalog). */
    readonly reads = new SharedReads();
    /** Where notice lines go: stderr, or what a test passes. */
    private readonly noticeLine: (line: string) => void;
    /** Base of the backoff between regeneration attempts whose outcome was settled as "nothing happened". */
    readonly retryBaseMs: number | undefined;
    private readonly env: NodeJS.ProcessEnv;
    /** One client per resolved connection: building one (a got instance) costs more CPU than a request's own work. */
    private readonly clients = new Map<string, UiPathClient>();
    private readonly clientOptions: Omit<ClientOptions, "clock" | "tokens">;

    constructor(options: ProviderContextOptions = {}) {
        this.env = options.env ?? process.env;
        this.clock = options.clock ?? clockFromEnv(this.env);
        this.stackConfig = options.stackConfig ?? { get: () => undefined };
        this.clientOptions = options.client ?? {};
        this.retryBaseMs = this.clientOptions.retryBaseMs;
        this.noticeLine = options.notice ?? ((line) => void process.stderr.write(`${line}\n`));
    }

    /**
     * The one channel for what the user should see from the provider process (drift found, a
     * resource dropped, a rotation planned): one line each, prefixed `uipath: `. The engine shows
     * what a provider plugin writes to stderr as a diagnostic of the run, in preview too: that is
     * how a dynamic provider (which has no engine logging connection) speaks. Never pass a secret value.
     */
    notice(message: string): void {
        this.noticeLine(`${NOTICE_PREFIX}${inSettingTerms(message)}`);
    }

    /** Resolves a resource's connection against the stack config and environment (throws an `InputError`). */
    connection(input: ConnectionInput | undefined): Connection {
        return resolveConnection(input, this.stackConfig, this.env);
    }

    /** The client for a resource's connection (one per connection in this process), sharing this process's tokens, reads and clock. */
    client(input: ConnectionInput | undefined): UiPathClient {
        const connection = this.connection(input);
        // Kept in memory only, never printed: the key holds the connection's credentials.
        const key = JSON.stringify(connection);
        let client = this.clients.get(key);
        if (!client) {
            client = new UiPathClient(connection, {
                ...this.clientOptions,
                clock: this.clock,
                tokens: this.tokens,
                reads: this.reads,
            });
            this.clients.set(key, client);
        }
        return client;
    }
}
