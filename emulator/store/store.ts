/**
 * Storage interface. Handlers read the current state and change it only through `update`,
 * which works on a copy and swaps it in after it has been persisted: a handler that throws
 * halfway, or a failed disk write, leaves the previous state in place.
 */
import type { State } from "./state";

export interface Store {
    /** The current state. Treat it as read-only; change it only through {@link Store.update}. */
    read(): State;
    /** Applies `change` to a copy, persists the copy, then makes it current. Returns `change`'s result. */
    update<T>(change: (draft: State) => T): T;
    /** Releases resources; the store must not be used afterwards. */
    close(): Promise<void>;
}

/** Shared copy-on-write logic; subclasses decide how (and whether) a new state is persisted. */
export abstract class CopyOnWriteStore implements Store {
    private current: State;

    protected constructor(initial: State) {
        this.current = initial;
    }

    read(): State {
        return this.current;
    }

    update<T>(change: (draft: State) => T): T {
        const draft = structuredClone(this.current);
        const result = change(draft);
        this.persist(draft);
        this.current = draft;
        return result;
    }

    async close(): Promise<void> {
        // Nothing buffered: every update is persisted before it becomes visible.
    }

    protected abstract persist(state: State): void;
}
