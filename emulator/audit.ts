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
    /** HTTP status; 0 when an injected fault reset the connection. */
    status: number;
    mutating: boolean;
    traceId: string;
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
