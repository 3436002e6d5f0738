/**
 * Reads that many resources of one organization need, made once per provider process and shared:
 * the engine starts one dynamic-provider process per CLI operation and sends it every resource's
 * calls, so "per process" is "per run", and nothing outlives the run (no cross-run cache).
 *
 *  - single flight: callers that ask while a read is under way await that same request;
 *  - a failed read is not kept: every caller waiting on it gets the failure, the next one asks again;
 *  - a write makes a scope's reads stale: {@link SharedReads.invalidate} drops them (kept or under
 *    way), so the next caller reads again; a read under way when its scope is invalidated still
 *    answers the callers that were waiting, but is not kept.
 *
 * Reads are keyed by a scope (what a write invalidates: an organization) and a key within it
 * (what was read, and by which caller: two credentials may see different things).
 */
interface Entry {
    scope: string;
    answer: Promise<unknown>;
}

export class SharedReads {
    private readonly entries = new Map<string, Entry>();
    /** How many reads were sent and how many callers were answered from a shared one (tests, bench). */
    readonly stats = { loads: 0, shared: 0 };

    /** The read's answer: the one kept or under way for (scope, key), else `load()`'s, then kept. */
    read<T>(scope: string, key: string, load: () => Promise<T>): Promise<T> {
        const id = `${scope}\u0000${key}`;
        const known = this.entries.get(id);
        if (known) {
            this.stats.shared += 1;
            return known.answer as Promise<T>;
        }
        this.stats.loads += 1;
        const answer = load();
        const entry: Entry = { scope, answer };
        this.entries.set(id, entry);
        // A failure is forgotten (unless a write already dropped this entry, or a newer read replaced it).
        answer.catch(() => {
            if (this.entries.get(id) === entry) this.entries.delete(id);
        });
        return answer;
    }

    /** Drops every read of `scope`, kept or under way: a write there made them stale. */
    invalidate(scope: string): void {
        for (const [id, entry] of this.entries) if (entry.scope === scope) this.entries.delete(id);
    }
}
