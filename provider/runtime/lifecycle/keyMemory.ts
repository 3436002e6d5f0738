/**
 * What the key lifecycle remembers within one run of the provider process, by
 * key identity (see `keyLifecycle.ts`): `diff` and the `create` it leads to run
 * in the same process, and `create` gets no old state, so this is how `create`
 * tells a rotation or a replacement from a first create, and how `delete`
 * spares a key that was just handed to another resource.
 */
export class KeyMemory {
    /** Rotations `diff` decided, with the fingerprint of the key to rotate away from. */
    private readonly rotationsDue = new Map<string, string>();
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

    /** `diff` decided a rotation of `key` away from the key with fingerprint `from`. */
    rotationDecided(key: string, from: string): void {
        this.rotationsDue.set(key, from);
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
