/**
 * What the key lifecycle remembers within one run of the provider process, by
 * key identity (see `keyLifecycle.ts`): `diff` and the `create` it leads to run
 * in the same process, and `create` gets no old state, so this is how `create`
 * tells a rotation or a replacement from a first create, and how `delete`
 * spares a key that was just handed to another resource.
 */
import type { RotationCause, RotationHistoryEntry } from "./rotationHistory";

/** What `diff` saw in a key resource's state. */
export interface StateInDiff {
    /** `keyFingerprint`: the key the state last recorded (after a refresh, maybe a drifted one). */
    fingerprint: string;
    history: readonly RotationHistoryEntry[] | undefined;
}

export class KeyMemory {
    /** Rotations `diff` decided, with the fingerprint of the key to rotate away from. */
    private readonly rotationsDue = new Map<string, string>();
    /** Why `diff` decided each rotation, for its history entry. */
    private readonly causes = new Map<string, RotationCause>();
    /**
     * What `diff` saw in state for each key: the history and the fingerprint recorded there.
     * `create` gets no old state, so a rotation (a replacement) carries the history over through this.
     */
    private readonly statesInDiff = new Map<string, StateInDiff>();
    /**
     * Keys `diff` saw with no reason to replace, with their fingerprint. A `create` for one of
     * these in the same run is a replacement the engine decided after that `diff` (a dependency
     * replaced delete-before-replace), and it rotates. A forced replacement (`pulumi up --replace`,
     * a tainted resource) never gets here: the engine calls no `diff` for it and `check` without
     * old state, so `create` looks like a first create.
     */
    private readonly unchangedByDiff = new Map<string, string>();
    /**
     * Fingerprints of the keys `create` and `update` handed to resources. `delete` never revokes
     * one: after a replacement (a rotation, a renamed tenant) the deleted resource may share its
     * key with the resource that replaced it.
     */
    private readonly keysHandedOut = new Set<string>();
    /**
     * Keys whose `create` adopted what the service held (no rotation), with its fingerprint. A
     * `delete` of an old resource of the same identity holding the same key shows a replacement
     * that rotated nothing (a forced one, or a rename without an alias).
     */
    private readonly adoptedByCreate = new Map<string, string>();

    /** `diff` decided a rotation of `key` away from the key with fingerprint `from`, for `cause`. */
    rotationDecided(key: string, from: string, cause: RotationCause): void {
        this.rotationsDue.set(key, from);
        this.causes.set(key, cause);
    }

    /** `diff` saw `key` with this state. */
    seenInDiff(key: string, state: StateInDiff): void {
        this.statesInDiff.set(key, state);
    }

    /** What `diff` saw in state for `key`, and why it rotates (undefined: a replacement the engine decided). */
    stateFor(key: string): (StateInDiff & { cause?: RotationCause }) | undefined {
        const state = this.statesInDiff.get(key);
        return state && { ...state, cause: this.causes.get(key) };
    }

    /** `diff` saw `key`, holding the key with fingerprint `held`, with no reason to replace it. */
    unchangedInDiff(key: string, held: string): void {
        this.unchangedByDiff.set(key, held);
    }

    /** `diff` found a reason to replace `key`: a later `create` of it is not a replacement the engine decided on its own. */
    replacedInDiff(key: string): void {
        this.unchangedByDiff.delete(key);
    }

    /** What `create` rotates away from: a rotation `diff` decided, or a replacement the engine decided after an unchanged `diff`. */
    rotationFor(key: string): string | undefined {
        return this.rotationsDue.get(key) ?? this.unchangedByDiff.get(key);
    }

    /** `create` settled `key`: it handed out the key with fingerprint `handed`, adopted (true) or rotated. */
    created(key: string, handed: string, adopted: boolean): void {
        this.rotationsDue.delete(key);
        this.causes.delete(key);
        this.statesInDiff.delete(key);
        this.unchangedByDiff.delete(key);
        this.handOut(handed);
        if (adopted) this.adoptedByCreate.set(key, handed);
    }

    /** A key, by fingerprint, was handed to a resource. */
    handOut(fingerprint: string): void {
        this.keysHandedOut.add(fingerprint);
    }

    /** Whether this run handed the key with this fingerprint to a resource. */
    handedOut(fingerprint: string): boolean {
        return this.keysHandedOut.has(fingerprint);
    }

    /** Whether this run's `create` of `key` adopted the key with this fingerprint (a replacement that rotated nothing). */
    adopted(key: string, fingerprint: string): boolean {
        return this.adoptedByCreate.get(key) === fingerprint;
    }
}
