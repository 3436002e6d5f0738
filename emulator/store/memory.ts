/** In-memory store: state lives as long as the process. */
import { CopyOnWriteStore } from "./store";
import type { State } from "./state";

export interface MemoryStoreOptions {
    /** The starting state (usually built from the seed config). */
    initial: State;
}

export class MemoryStore extends CopyOnWriteStore {
    constructor(options: MemoryStoreOptions) {
        super(options.initial);
    }

    protected persist(_state: State): void {
        // Memory only.
    }
}
