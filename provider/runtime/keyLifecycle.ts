/**
 * The dynamic-provider logic shared by every key that belongs to the
 * organization (Orchestrator API access, product API keys): adopt on create,
 * regenerate only when a rotation is due, detect drift on refresh, never
 * revoke a key newer than the one held. Each resource kind supplies a
 * {@link KeyKind} that knows its inputs and endpoints; the process-wide state
 * (stack config, clock, tokens, rotations due) comes from the {@link ProviderContext}.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { UiPathClient } from "./client";
import { connectionFailures } from "./check";
import type { ProviderContext } from "./context";
import { KeyVerificationError, NetworkError, ServiceUnavailableError } from "./errors";
import { echoedInputs, type KeyInputs, type KeyState } from "./keyInputs";
import { fingerprint, type KeyKind, type KeyMaterial } from "./keyKind";
import { rotationDue, rotationDueAt } from "./rotation";
import { checkInputs, holdsUnknown } from "./validation";

/** A kind's provider, typed by its inputs and state: every method present, and create and update always return the state. */
export interface KeyProvider<I extends KeyInputs> extends Required<Omit<pulumi.dynamic.ResourceProvider<I, KeyState<I>>, "configure" | "create" | "update">> {
    create(inputs: I): Promise<Required<pulumi.dynamic.CreateResult<KeyState<I>>>>;
    update(id: string, olds: KeyState<I>, news: I): Promise<Required<pulumi.dynamic.UpdateResult<KeyState<I>>>>;
}

export function keyProvider<I extends KeyInputs>(kind: KeyKind<I>, context: ProviderContext): KeyProvider<I> {
    const now = () => new Date(context.clock.now()).toISOString();

    const outputsFor = (inputs: I, client: UiPathClient, material: KeyMaterial, rotatedAt: string): KeyState<I> =>
        withoutUndefined({
            ...inputs,
            ...material.extra,
            [kind.keyOutput]: material.key,
            organization: client.connection.organization,
            keyFingerprint: fingerprint(material.key),
            appliedKeyFingerprint: fingerprint(material.key),
            rotatedAt,
            rotationDueAt: rotationDueAt(rotatedAt, inputs.rotateAfter),
        });

    /**
     * Tries the key. On failure the key is still recorded (the engine keeps
     * the outputs of a resource that failed to initialize), so a rotation that
     * already happened is never repeated by the next run.
     */
    const verify = async (client: UiPathClient, inputs: I, material: KeyMaterial, id: string, outs: KeyState<I>): Promise<void> => {
        try {
            await kind.verify(client, inputs, material);
        } catch (err) {
            const reason = err instanceof Error ? err.message : String(err);
            const message = `verify: the ${kind.keyOutput} of ${id} (fingerprint ${fingerprint(material.key)}) did not work when tried: ${reason}. The key is recorded in state; run up again once it works, or set verify: false`;
            throw new KeyVerificationError(message, { id, properties: outs, cause: err });
        }
    };

    /**
     * Rotates away from the key with `oldFingerprint`, at most once: if the
     * service already holds another key (an interrupted run that rotated
     * before state was saved, or someone else), that key is the rotation.
     * If the call fails on the way back, a read tells whether it happened.
     */
    const regenerate = async (client: UiPathClient, inputs: I, oldFingerprint: string): Promise<KeyMaterial> => {
        const before = await kind.fetch(client, inputs);
        if (fingerprint(before.key) !== oldFingerprint) return before;
        try {
            return await kind.regenerate(client, inputs);
        } catch (err) {
            // Only these leave it open whether the service regenerated.
            if (!(err instanceof NetworkError || err instanceof ServiceUnavailableError)) throw err;
            const current = await kind.fetch(client, inputs);
            if (fingerprint(current.key) !== oldFingerprint) return current;
            throw err;
        }
    };

    return {
        async check(_olds, news) {
            const failures = checkInputs(kind.inputSchema, news);
            // Credentials and organization are checked here too, before any API call.
            if (failures.length === 0) failures.push(...connectionFailures(context, news.connection));
            return { inputs: news, failures };
        },

        async diff(_id, olds, news) {
            const replaces: string[] = [];
            // A connection not known yet during preview keeps the organization it had.
            const org = holdsUnknown(news.connection) ? olds.organization : context.connection(news.connection).organization;
            if (org !== olds.organization) replaces.push("connection");
            for (const name of kind.identityInputs) {
                if (olds[name] !== news[name]) replaces.push(name);
            }
            const due = rotationDue(olds, news, context.clock.now());
            if (due && replaces.length === 0) {
                replaces.push(due);
                context.rotationsDue.set(kind.id(org, news), olds.keyFingerprint);
            }
            const drifted = olds.appliedKeyFingerprint !== undefined && olds.keyFingerprint !== olds.appliedKeyFingerprint;
            const changed = drifted || echoedInputs.some((name) => JSON.stringify(olds[name] ?? null) !== JSON.stringify(news[name] ?? null));
            return { changes: replaces.length > 0 || changed, replaces, deleteBeforeReplace: false };
        },

        async create(inputs) {
            const client = context.client(inputs.connection);
            const id = kind.id(client.connection.organization, inputs);
            const rotateFrom = context.rotationsDue.get(id);
            const material = rotateFrom !== undefined ? await regenerate(client, inputs, rotateFrom) : await kind.fetch(client, inputs);
            context.rotationsDue.delete(id);
            const outs = outputsFor(inputs, client, material, now());
            if (inputs.verify) await verify(client, inputs, material, id, outs);
            return { id, outs };
        },

        async read(id, props) {
            // The engine always passes the state it holds; `props` is optional only in Pulumi's type.
            if (!props) throw new Error(`read of ${id}: no state was given`);
            const client = context.client(props.connection);
            const material = await kind.fetch(client, props);
            // A key regenerated outside Pulumi is drift: the new key and a new rotation time.
            const unchanged = fingerprint(material.key) === props.keyFingerprint;
            const observed = outputsFor(props, client, material, unchanged ? props.rotatedAt : now());
            return { id, props: withoutUndefined({ ...props, ...observed, appliedKeyFingerprint: props.appliedKeyFingerprint ?? observed.keyFingerprint }) };
        },

        async update(id, olds, news) {
            const client = context.client(news.connection);
            const material = await kind.fetch(client, news);
            const rotatedAt = fingerprint(material.key) === olds.keyFingerprint ? olds.rotatedAt : now();
            // Start from the old outputs so that nothing vanishes (pulumi/pulumi#13983),
            // except echoes of inputs the user may just have removed.
            const kept: Record<string, unknown> = { ...olds };
            for (const name of [...echoedInputs, "rotationDueAt"]) delete kept[name];
            const outs: KeyState<I> = withoutUndefined({ ...kept, ...outputsFor(news, client, material, rotatedAt) });
            if (news.verify) await verify(client, news, material, id, outs);
            return { outs };
        },

        async delete(_id, props) {
            if (!props.revokeOnDelete) return;
            const client = context.client(props.connection);
            const current = await kind.fetch(client, props);
            // After a replacement the service already holds a newer key, which must survive.
            if (fingerprint(current.key) !== props.keyFingerprint) return;
            await kind.regenerate(client, props);
        },
    };
}

/** The engine's struct encoding rejects `undefined`; an absent output is simply left out. */
function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
