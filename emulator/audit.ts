/**
 * Audit log of every non-admin request, successful or not. Entries hold only the method, the
 * path (query string dropped: values could be secrets), who called, the org, the status and
 * whether the route changes state. Never a token, key, secret or request body.
 */
import type { Clock } from "./clock";

export interface AuditEntry {
    /** ISO time from the emulator clock. */
    time: string;
    method: string;
    path: string;
    /** "user:<email>", "app:<clientId>", "userKey:<tenant>" or "anonymous". */
    caller: string;
    org: string | null;
    /** HTTP status of the answer; 0 when there was none (an injected reset, or a client gone mid-request). */
    status: number;
    mutating: boolean;
    traceId: string;
    /**
     * Present (true) when the client had gone before it was answered. With a status, its request
     * was complete and the service did the work anyway, as a real one would; nobody read the
     * answer. With status 0, the request never arrived in full and nothing was done.
     */
    clientGone?: true;
}

/** What only a handler can tell the audit, returned with its result or attached to its error. */
export interface AuditFacts {
    /** The caller a token endpoint granted, in {@link AuditEntry.caller}'s format. */
    caller?: string;
    /** The org the request turned out to concern (the user-key exchange has none in its path). */
    org?: string | null;
}

export interface AuditLogOptions {
    clock: Clock;
    /** Oldest entries are dropped beyond this many (keeps a long-running emulator bounded). */
    maxEntries?: number;
}

export class AuditLog {
    private entries: AuditEntry[] = [];
    private readonly clock: Clock;
    private readonly maxEntries: number;

    constructor(options: AuditLogOptions) {
        this.clock = options.clock;
        this.maxEntries = options.maxEntries ?? 10_000;
    }

    /** The current time as an audit timestamp (taken when the request arrives). */
    stamp(): string {
        return new Date(this.clock.now()).toISOString();
    }

    record(entry: AuditEntry): void {
        this.entries.push(entry);
        if (this.entries.length > this.maxEntries) this.entries.splice(0, this.entries.length - this.maxEntries);
    }

    list(): AuditEntry[] {
        return this.entries.map((e) => ({ ...e }));
    }

    clear(): void {
        this.entries = [];
    }
}
