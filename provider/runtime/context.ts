/**
 * The one owner of process-wide state in the provider process. The runtime
 * entry creates one per process and hands it to every kind's provider, so
 * all resources of one `pulumi up` share the stack config, the clock, the
 * cached tokens and the rotations `diff` decided. Tests build their own.
 */
import { UiPathClient, type ClientOptions } from "./http/client";
import { clockFromEnv, type Clock } from "./clock";
import { resolveConnection, type Connection, type ConnectionInput, type StackConfig } from "./inputs/connection";
import { TokenCache } from "./http/tokens";
import type { ScopeType } from "./identity/scopeTypes";

export interface ProviderContextOptions {
    /** Default: the system clock, or the time fixed by `UIPATH_KEYS_NOW`. */
    clock?: Clock;
    /** Default: none until the engine calls `configure()`. */
    stackConfig?: StackConfig;
    /** Where `UIPATH_*` settings are read (default `process.env`). */
    env?: NodeJS.ProcessEnv;
    /** Where {@link ProviderContext.notice} writes (default: stderr). */
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
    /**
     * Ids whose replacement `diff` decided is a rotation, with the fingerprint
     * of the key to rotate away from. `diff` and the `create` it leads to run in
     * the same provider process, and `create` gets no old state, so this is how
     * it knows to regenerate instead of adopting.
     */
    readonly rotationsDue = new Map<string, string>();
    /** Each organization's partitionGlobalId, by `baseUrl/organization` (it never changes). */
    readonly partitionIds = new Map<string, string>();
    /** Each organization's scope catalog, by `baseUrl/organization`, read once per run. */
    readonly scopeCatalogs = new Map<string, Map<string, ScopeType>>();
    /**
     * Ids `diff` saw with no reason to replace, with the key's fingerprint. A
     * `create` for one of these ids in the same run is a replacement the
     * engine decided after that `diff` (a dependency replaced delete-before-
     * replace), and it rotates. A forced replacement (`pulumi up --replace`,
     * a tainted resource) never gets here: the engine calls no `diff` for it
     * and `check` without old state, so `create` looks like a first create.
     */
    readonly unchangedByDiff = new Map<string, string>();
    /**
     * Fingerprints of the keys `create` and `update` handed to resources in
     * this process. `delete` never revokes one of them: after a replacement
     * (a rotation, a renamed tenant) the deleted resource may share its key
     * with the resource that replaced it.
     */
    readonly keysHandedOut = new Set<string>();
    /**
     * Ids whose `create` in this process adopted the key the service held
     * (no rotation), with its fingerprint. A `delete` of an old resource of
     * the same id holding the same key shows a replacement that rotated
     * nothing (a forced one, or a rename without an alias): it says so.
     */
    readonly adoptedByCreate = new Map<string, string>();
    /**
     * Where the provider says something the user should see (drift found, a
     * resource gone): one line each. The engine shows what a dynamic
     * provider writes to stderr under the resource.
     */
    readonly notice: (line: string) => void;
    /** Base of the backoff between regeneration attempts whose outcome was settled as "nothing happened". */
    readonly retryBaseMs: number | undefined;
    private readonly env: NodeJS.ProcessEnv;
    private readonly clientOptions: Omit<ClientOptions, "clock" | "tokens">;

    constructor(options: ProviderContextOptions = {}) {
        this.env = options.env ?? process.env;
        this.clock = options.clock ?? clockFromEnv(this.env);
        this.stackConfig = options.stackConfig ?? { get: () => undefined };
        this.clientOptions = options.client ?? {};
        this.retryBaseMs = this.clientOptions.retryBaseMs;
        this.notice = options.notice ?? ((line) => void process.stderr.write(`${line}\n`));
    }

    /** Resolves a resource's connection against the stack config and environment (throws an `InputError`). */
    connection(input: ConnectionInput | undefined): Connection {
        return resolveConnection(input, this.stackConfig, this.env);
    }

    /** A client for a resource's connection, sharing this process's tokens and clock. */
    client(input: ConnectionInput | undefined): UiPathClient {
        return new UiPathClient(this.connection(input), { ...this.clientOptions, clock: this.clock, tokens: this.tokens });
    }
}
