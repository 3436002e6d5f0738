/**
 * The dynamic-provider logic shared by every key that belongs to the
 * organization (Orchestrator API access, product API keys): adopt on create,
 * regenerate only when a rotation is due, detect drift on refresh, never
 * revoke a key newer than the one held. Each resource kind supplies a
 * {@link KeyKind} that knows its inputs and endpoints.
 */
import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { UiPathClient } from "./client";
import { clockFromEnv, type Clock } from "./clock";
import { connectionSchema, resolveConnection, type ConnectionInput, type StackConfig } from "./connection";
import { KeyVerificationError, UiPathError } from "./errors";
import { durationSchema, rotationDue, rotationDueAt } from "./rotation";
import { checkInputs, holdsUnknown } from "./validation";

/** Inputs every key resource takes. */
export const commonInputsShape = {
    rotationTrigger: z.string().optional(),
    rotateAfter: durationSchema.optional(),
    revokeOnDelete: z.boolean().optional(),
    verify: z.boolean().optional(),
    connection: connectionSchema.optional(),
};

export interface CommonInputs {
    rotationTrigger?: string;
    rotateAfter?: string;
    revokeOnDelete?: boolean;
    verify?: boolean;
    connection?: ConnectionInput;
}

/** Outputs every key resource has, besides its key and the inputs echoed back. */
export interface CommonOutputs {
    organization: string;
    /** First 16 hex digits of the key's SHA-256: shows a key change in diffs without showing the key. */
    keyFingerprint: string;
    /**
     * The fingerprint of the key the last `up` handed to dependents. A refresh
     * that finds a key regenerated outside Pulumi changes only `keyFingerprint`;
     * the difference is the drift that refresh reports and the next `up` applies.
     */
    appliedKeyFingerprint: string;
    rotatedAt: string;
    rotationDueAt?: string;
}

/** A key as read from or returned by the service. */
export interface KeyMaterial {
    key: string;
    /** Non-secret facts that come with it (account logical name, tenant name, client id). */
    extra: Record<string, string>;
}

/** What one resource kind contributes. */
export interface KeyKind<I extends CommonInputs> {
    /** Name of the secret output holding the key ("userKey", "apiKey"). */
    keyOutput: string;
    inputSchema: z.ZodType<I>;
    /** Inputs that name a different key: changing one is a replacement that adopts, never a rotation. */
    identityInputs: readonly (keyof I & string)[];
    /** Stable id, from the organization and the identity inputs. */
    id(organization: string, inputs: I): string;
    fetch(client: UiPathClient, inputs: I): Promise<KeyMaterial>;
    regenerate(client: UiPathClient, inputs: I): Promise<KeyMaterial>;
    verify(client: UiPathClient, inputs: I, material: KeyMaterial): Promise<void>;
}

type Outputs = CommonInputs & CommonOutputs & Record<string, unknown>;

export const fingerprint = (key: string): string => createHash("sha256").update(key).digest("hex").slice(0, 16);

export interface KeyProviderDeps {
    stackConfig: () => StackConfig;
    clock?: Clock;
}

/** Outputs that echo optional inputs (or derive from them): an update recomputes them rather than keeping old values. */
const echoedInputs = ["rotationTrigger", "rotateAfter", "revokeOnDelete", "verify", "connection"] as const satisfies readonly (keyof CommonInputs)[];

export function keyProvider<I extends CommonInputs>(kind: KeyKind<I>, deps: KeyProviderDeps): pulumi.dynamic.ResourceProvider {
    const clock = (): Clock => deps.clock ?? clockFromEnv();
    /*
     * Ids whose replacement `diff` decided is a rotation, with the fingerprint
     * of the key to rotate away from. `diff` and the `create` it leads to run in
     * the same provider process, and `create` gets no old state, so this is how
     * it knows to regenerate instead of adopting.
     */
    const rotationsDue = new Map<string, string>();
    const clientFor = (connection: ConnectionInput | undefined) => new UiPathClient(resolveConnection(connection, deps.stackConfig()), { clock: clock() });
    const organizationOf = (connection: ConnectionInput | undefined) => resolveConnection(connection, deps.stackConfig()).organization;

    const outputsFor = (inputs: I, client: UiPathClient, material: KeyMaterial, rotatedAt: string): Outputs =>
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
    const verify = async (client: UiPathClient, inputs: I, material: KeyMaterial, id: string, outs: Outputs): Promise<void> => {
        try {
            await kind.verify(client, inputs, material);
        } catch (err) {
            const reason = err instanceof Error ? err.message : String(err);
            const message = `verify: the ${kind.keyOutput} of ${id} (fingerprint ${fingerprint(material.key)}) did not work when tried: ${reason}. The key is recorded in state; run up again once it works, or set verify: false`;
            throw Object.assign(new KeyVerificationError("KEY_VERIFICATION_FAILED", message, { cause: err }), { id, properties: outs, reasons: [message] });
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
            if (!(err instanceof UiPathError) || (err.code !== "NETWORK" && err.code !== "SERVICE_UNAVAILABLE")) throw err;
            const current = await kind.fetch(client, inputs);
            if (fingerprint(current.key) !== oldFingerprint) return current;
            throw err;
        }
    };

    return {
        async check(_olds: unknown, news: Record<string, unknown>) {
            const failures = checkInputs(kind.inputSchema, news);
            if (failures.length === 0) {
                // Credentials and organization are checked here too, before any API call.
                try {
                    resolveConnection(news.connection as ConnectionInput | undefined, deps.stackConfig());
                } catch (err) {
                    if (!(err instanceof UiPathError) || !holdsUnknown(news.connection)) {
                        failures.push({ property: "connection", reason: err instanceof Error ? err.message : String(err) });
                    }
                }
            }
            return { inputs: news, failures };
        },

        async diff(id: string, olds: Outputs, news: I) {
            const replaces: string[] = [];
            // A connection not known yet during preview keeps the organization it had.
            const org = holdsUnknown(news.connection) ? olds.organization : organizationOf(news.connection);
            if (org !== olds.organization) replaces.push("connection");
            for (const name of kind.identityInputs) {
                if ((olds as Record<string, unknown>)[name] !== news[name]) replaces.push(name);
            }
            const due = rotationDue(olds, news, clock().now());
            if (due && replaces.length === 0) {
                replaces.push(due);
                rotationsDue.set(kind.id(org, news), olds.keyFingerprint);
            }
            const drifted = olds.appliedKeyFingerprint !== undefined && olds.keyFingerprint !== olds.appliedKeyFingerprint;
            const changed = drifted || echoedInputs.some((name) => JSON.stringify(olds[name] ?? null) !== JSON.stringify(news[name] ?? null));
            return { changes: replaces.length > 0 || changed, replaces, deleteBeforeReplace: false };
        },

        async create(inputs: I) {
            const client = clientFor(inputs.connection);
            const id = kind.id(client.connection.organization, inputs);
            const rotateFrom = rotationsDue.get(id);
            const material = rotateFrom !== undefined ? await regenerate(client, inputs, rotateFrom) : await kind.fetch(client, inputs);
            rotationsDue.delete(id);
            const outs = outputsFor(inputs, client, material, new Date(clock().now()).toISOString());
            if (inputs.verify) await verify(client, inputs, material, id, outs);
            return { id, outs };
        },

        async read(id: string, props: Outputs) {
            const client = clientFor(props.connection);
            const material = await kind.fetch(client, props as unknown as I);
            // A key regenerated outside Pulumi is drift: the new key and a new rotation time.
            const unchanged = fingerprint(material.key) === props.keyFingerprint;
            const rotatedAt = unchanged ? props.rotatedAt : new Date(clock().now()).toISOString();
            const observed = outputsFor(props as unknown as I, client, material, rotatedAt);
            return { id, props: withoutUndefined({ ...props, ...observed, appliedKeyFingerprint: props.appliedKeyFingerprint ?? observed.keyFingerprint }) };
        },

        async update(id: string, olds: Outputs, news: I) {
            const client = clientFor(news.connection);
            const material = await kind.fetch(client, news);
            const rotatedAt = fingerprint(material.key) === olds.keyFingerprint ? olds.rotatedAt : new Date(clock().now()).toISOString();
            // Start from the old outputs so that nothing vanishes (pulumi/pulumi#13983),
            // except echoes of inputs the user may just have removed.
            const kept: Record<string, unknown> = { ...olds };
            for (const name of [...echoedInputs, "rotationDueAt"]) delete kept[name];
            const outs = withoutUndefined({ ...kept, ...outputsFor(news, client, material, rotatedAt) }) as Outputs;
            if (news.verify) await verify(client, news, material, id, outs);
            return { outs };
        },

        async delete(_id: string, props: Outputs) {
            if (!props.revokeOnDelete) return;
            const client = clientFor(props.connection);
            const current = await kind.fetch(client, props as unknown as I);
            // After a replacement the service already holds a newer key, which must survive.
            if (fingerprint(current.key) !== props.keyFingerprint) return;
            await kind.regenerate(client, props as unknown as I);
        },
    };
}

/** The engine's struct encoding rejects `undefined`; an absent output is simply left out. */
function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
