/**
 * The dynamic-provider logic shared by every key that belongs to the
 * organization (Orchestrator API access, product API keys): adopt on create,
 * regenerate only when a rotation is due, detect drift on refresh, never
 * revoke a key newer than the one held. Each resource kind supplies a
 * {@link KeyKind} that knows its inputs and endpoints; the process-wide state
 * (stack config, clock, tokens, rotations due) comes from the {@link ProviderContext}.
 */
import type * as pulumi from "@pulumi/pulumi";
import { sameKeyInput } from "../../shared/sameKey";
import type { UiPathClient } from "../http/client";
import type { ProviderContext } from "../context";
import { KeyVerificationError, NetworkError, NotFoundError, RetryExhaustedError } from "../reporting/errors";
import { echoedInputs, type KeyInputs, type KeyState } from "./keyInputs";
import { fingerprint, type KeyKind, type KeyMaterial, type VerifyOutcome } from "./keyKind";
import { retryDelayMs } from "../http/retry";
import { rotationDue, rotationDueAt } from "./rotation";
import { trimmed, withEntry, type RotationCause, type RotationHistoryEntry } from "./rotationHistory";
import { rotationWait, windowFailures } from "./rotationWindow";
import { holdsUnknown, type CheckFailure } from "../inputs/validation";
import {
    dropped,
    inputAndConnectionFailures,
    organizationOf,
    replacementsOf,
    stateGiven,
    withoutUndefined,
} from "./kindHelpers";
import type { ConnectionInput } from "../inputs/connection";

/** A kind's provider, typed by its inputs and state: every method present, and create and update always return the state. */
export interface KeyProvider<I extends KeyInputs> extends Required<
    Omit<pulumi.dynamic.ResourceProvider<I, KeyState<I>>, "configure" | "create" | "update">
> {
    create(inputs: I): Promise<Required<pulumi.dynamic.CreateResult<KeyState<I>>>>;
    update(id: string, olds: KeyState<I>, news: I): Promise<Required<pulumi.dynamic.UpdateResult<KeyState<I>>>>;
}

export function keyProvider<I extends KeyInputs>(kind: KeyKind<I>, context: ProviderContext): KeyProvider<I> {
    const identityKey = (organization: string, inputs: I) => identityKeyOf(kind, organization, inputs);
    const now = () => new Date(context.clock.now()).toISOString();

    const outputsFor = (
        inputs: I,
        client: UiPathClient,
        material: KeyMaterial,
        rotatedAt: string,
        history: readonly RotationHistoryEntry[] | undefined,
    ): KeyState<I> =>
        withoutUndefined({
            ...inputs,
            ...material.extra,
            [kind.keyOutput]: material.key,
            organization: client.connection.organization,
            keyFingerprint: fingerprint(material.key),
            appliedKeyFingerprint: fingerprint(material.key),
            rotatedAt,
            rotationDueAt: rotationDueAt(rotatedAt, inputs.rotateAfter),
            rotationHistory: trimmed(history, inputs.historyLength),
        });

    /** The history with a rotation from the key `from` to `material`'s key added, unless the key is still `from`. */
    const historyAfter = (
        history: readonly RotationHistoryEntry[] | undefined,
        cause: RotationCause,
        from: string,
        material: KeyMaterial,
        inputs: I,
    ): readonly RotationHistoryEntry[] | undefined => {
        const to = fingerprint(material.key);
        if (to === from) return history;
        // A single-phase key: the key it replaces stopped working when it was regenerated.
        return withEntry(history, { at: now(), cause, from, to, retired: [from] }, inputs.historyLength);
    };

    /**
     * Tries the key. On failure the key is still recorded (the engine keeps
     * the outputs of a resource that failed to initialize), so a rotation that
     * already happened is never repeated by the next run.
     */
    const verify = async (
        client: UiPathClient,
        inputs: I,
        material: KeyMaterial,
        id: string,
        outs: KeyState<I>,
    ): Promise<void> => {
        let outcome: VerifyOutcome;
        try {
            outcome = await kind.verify(client, inputs, material);
        } catch (err) {
            const reason = err instanceof Error ? err.message : String(err);
            const message = `verify: the ${kind.keyOutput} of ${id} (fingerprint ${fingerprint(material.key)}) did not work when tried: ${reason}. The key is recorded in state; run up again once it works, or set verify: false`;
            throw new KeyVerificationError(message, { id, properties: outs, cause: err });
        }
        // The check itself could not be made: the key is not proven bad, so the resource succeeds
        // (failing it would block every up on a route UiPath may have moved) and the user is told.
        if (!outcome.checked) {
            context.notice(
                `verify: could not check the ${kind.keyOutput} of ${id} (fingerprint ${fingerprint(material.key)}): ${outcome.reason}. The key is recorded as usual; set verify: false to stop trying`,
            );
        }
    };

    /**
     * Rotates away from the key with `oldFingerprint`, exactly once. If the
     * service already holds another key (an interrupted run that rotated
     * before state was saved, or someone else), that key is the rotation. A
     * regeneration whose outcome is uncertain (503, connection reset, timeout,
     * still rate limited) is settled by reading back: a new key is the
     * rotation; the old one means nothing happened, so it is tried again, a
     * bounded number of times, in this same run.
     */
    const regenerate = async (client: UiPathClient, inputs: I, oldFingerprint: string): Promise<KeyMaterial> => {
        const before = await kind.fetch(client, inputs);
        if (fingerprint(before.key) !== oldFingerprint) return before;
        for (let attempt = 1; ; attempt++) {
            try {
                return await kind.regenerate(client, inputs);
            } catch (err) {
                if (!(err instanceof NetworkError || err instanceof RetryExhaustedError)) throw err;
                const current = await kind.fetch(client, inputs);
                if (fingerprint(current.key) !== oldFingerprint) return current;
                if (attempt >= REGENERATE_ATTEMPTS) throw err;
                await sleep(
                    retryDelayMs({
                        attempt,
                        now: context.clock.now(),
                        random: Math.random(),
                        baseMs: context.retryBaseMs,
                    }),
                );
            }
        }
    };

    return {
        async check(_olds, given) {
            const { [sameKeyInput]: sameKey, ...news } = given as I & { [sameKeyInput]?: unknown };
            // Another resource of the run manages the same key: refused before any API call.
            if (typeof sameKey === "string")
                return { inputs: news as I, failures: [{ property: "", reason: sameKey }] };
            const failures = inputAndConnectionFailures(context, kind.inputSchema, news);
            if (failures.length === 0 && news.verify === true)
                failures.push(...verifyFailures(kind, context, news.connection));
            if (failures.length === 0) failures.push(...windowFailures(news, context.clock.now()));
            return { inputs: news as I, failures };
        },

        async diff(id, olds, news) {
            const replaces = replacementsOf(context, olds, news, kind.identityInputs);
            const key = identityKey(organizationOf(context, olds, news), news);
            // Dependents hold the applied key. A newer key found by refresh (a run killed after
            // the service rotated, or a regeneration outside Pulumi) is already a rotation away
            // from it: the rotation adopts that key instead of regenerating a second time.
            const held = olds.appliedKeyFingerprint ?? olds.keyFingerprint;
            const drifted = held !== olds.keyFingerprint;
            let due = rotationDue(olds, news, context.clock.now());
            // An age-driven rotation waits for its window (and its group's day); a changed trigger never does.
            const wait =
                due === "rotateAfter" && replaces.length === 0 ? rotationWait(news, context.clock.now()) : undefined;
            if (wait) {
                context.notice(
                    `${kind.keyOutput} of ${id}: due (rotateAfter ${news.rotateAfter ?? ""} has passed since ${olds.rotatedAt}), waiting for ${wait.what}`,
                );
                due = undefined;
            }
            // The same key (no identity input changed): its history goes on in a replacement.
            if (replaces.length === 0)
                context.keys.seenInDiff(key, { fingerprint: olds.keyFingerprint, history: olds.rotationHistory });
            if (due && replaces.length === 0) {
                replaces.push(due);
                context.keys.rotationDecided(key, held, due === "rotateAfter" ? "age" : "trigger");
            }
            if (replaces.length === 0) context.keys.unchangedInDiff(key, olds.keyFingerprint);
            else context.keys.replacedInDiff(key);
            if (drifted) {
                const rotation =
                    due !== undefined && replaces[0] === due
                        ? " counts it as the rotation asked for (no second regeneration) and"
                        : "";
                context.notice(
                    `${kind.keyOutput} of ${id}: the key changed outside Pulumi (fingerprint ${held} => ${olds.keyFingerprint}); this up${rotation} hands it to the resources that use it`,
                );
            }
            const changed =
                drifted ||
                echoedInputs.some((name) => JSON.stringify(olds[name] ?? null) !== JSON.stringify(news[name] ?? null));
            return { changes: replaces.length > 0 || changed, replaces, deleteBeforeReplace: false };
        },

        async create(inputs) {
            const client = context.client(inputs.connection);
            const id = kind.id(client.connection.organization, inputs);
            const key = identityKey(client.connection.organization, inputs);
            const rotateFrom = context.keys.rotationFor(key);
            const seen = context.keys.stateFor(key);
            const material =
                rotateFrom !== undefined
                    ? await regenerate(client, inputs, rotateFrom)
                    : await kind.fetch(client, inputs);
            context.keys.created(key, fingerprint(material.key), rotateFrom === undefined);
            // A rotation is a replacement: the history comes over from the state `diff` saw. A key
            // the state already recorded (drift a refresh noted) is no second entry.
            const history =
                rotateFrom !== undefined && seen
                    ? historyAfter(seen.history, seen.cause ?? "trigger", seen.fingerprint, material, inputs)
                    : seen?.history;
            const outs = outputsFor(inputs, client, material, now(), history);
            if (inputs.verify) await verify(client, inputs, material, id, outs);
            return { id, outs };
        },

        async read(id, given) {
            const props = stateGiven(id, given);
            const client = context.client(props.connection);
            let material: KeyMaterial;
            try {
                material = await kind.fetch(client, props);
            } catch (err) {
                const gone = goneReason(err);
                if (gone === undefined) throw err;
                return dropped(
                    context,
                    `${id}: its ${gone} no longer exists in UiPath (deleted or renamed outside Pulumi), so neither does its key: removed from the stack; the next up adopts the key again if the names then exist`,
                );
            }
            // A key regenerated outside Pulumi is drift: the new key and a new rotation time.
            const current = fingerprint(material.key);
            const unchanged = current === props.keyFingerprint;
            const applied = props.appliedKeyFingerprint ?? props.keyFingerprint;
            if (!unchanged) {
                context.notice(
                    `${kind.keyOutput} of ${id}: the key changed outside Pulumi (fingerprint ${props.keyFingerprint} => ${current}); the next up hands it to the resources that use it`,
                );
            }
            const history = historyAfter(props.rotationHistory, "drift", props.keyFingerprint, material, props);
            const observed = outputsFor(props, client, material, unchanged ? props.rotatedAt : now(), history);
            return { id, props: withoutUndefined({ ...props, ...observed, appliedKeyFingerprint: applied }) };
        },

        async update(id, olds, news) {
            const client = context.client(news.connection);
            const material = await kind.fetch(client, news);
            const rotatedAt = fingerprint(material.key) === olds.keyFingerprint ? olds.rotatedAt : now();
            context.keys.handOut(fingerprint(material.key));
            // Start from the old outputs so that nothing vanishes (pulumi/pulumi#13983),
            // except echoes of inputs the user may just have removed.
            const kept: Record<string, unknown> = { ...olds };
            for (const name of [...echoedInputs, "rotationDueAt"]) delete kept[name];
            // A key that changed since the state was written (no refresh in between) is drift seen here.
            const history = historyAfter(olds.rotationHistory, "drift", olds.keyFingerprint, material, news);
            const outs: KeyState<I> = withoutUndefined({
                ...kept,
                ...outputsFor(news, client, material, rotatedAt, history),
            });
            if (news.verify) await verify(client, news, material, id, outs);
            return { outs };
        },

        async delete(id, props) {
            if (
                props.organization !== undefined &&
                context.keys.adopted(identityKey(props.organization, props), props.keyFingerprint)
            ) {
                context.notice(
                    `${id}: replaced without a new key: the replacement adopted the key it already had (fingerprint ${props.keyFingerprint}) and restarted rotatedAt. A forced replacement (pulumi up --replace, a tainted resource) looks like a first create to a dynamic provider, so it cannot rotate: change rotationTrigger to rotate`,
                );
            }
            if (!props.revokeOnDelete) return;
            const client = context.client(props.connection);
            let current: KeyMaterial;
            try {
                current = await kind.fetch(client, props);
            } catch (err) {
                // Its organization, tenant or service is gone, and the key with it: nothing to revoke.
                if (goneReason(err) !== undefined) return;
                throw err;
            }
            const held = fingerprint(current.key);
            // After a replacement the service already holds a newer key, which must survive; so
            // must a key this run just handed to another resource (the one that replaced this one).
            if (held !== props.keyFingerprint || context.keys.handedOut(held)) return;
            try {
                await kind.regenerate(client, props);
            } catch (err) {
                if (goneReason(err) === undefined) throw err;
            }
        },
    };
}

/** Why `verify` cannot run with the resource's connection (a product host with no default), attached to `verify`. */
function verifyFailures<I extends KeyInputs>(
    kind: KeyKind<I>,
    context: ProviderContext,
    connection: unknown,
): CheckFailure[] {
    // A connection not known yet during preview is judged once it is.
    if (kind.verifyUnavailable === undefined || holdsUnknown(connection)) return [];
    const reason = kind.verifyUnavailable(context.connection(connection as ConnectionInput | undefined));
    return reason === undefined ? [] : [{ property: "verify", reason }];
}

/** How the key resource's identity compares in this process: the way the service compares names, ignoring case. */
function identityKeyOf<I extends KeyInputs>(kind: KeyKind<I>, organization: string, inputs: I): string {
    return kind.id(organization, inputs).toLowerCase();
}

/** Why a failed call shows that the key no longer exists (its organization, tenant or service is gone), or undefined. */
function goneReason(err: unknown): NotFoundError["missing"] {
    return err instanceof NotFoundError ? err.missing : undefined;
}

/** Regeneration attempts whose outcome was uncertain and whose read-back showed nothing happened. */
const REGENERATE_ATTEMPTS = 5;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
