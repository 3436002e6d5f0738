/**
 * `ExternalApplicationSecret` in the provider process: a client secret of an external application
 * that rotates in two phases (see `../secretRotation.ts`), through Identity's documented
 * `POST ExternalClient/GenerateSecret` and `DELETE ExternalClient/{pg}/secrets/{id}`.
 *
 * State: the inputs; `secret` (secret output), `secretId`, `expiresAt` (the current secret's
 * expiry), `rotatedAt`, `previousSecretId`, `previousSecretRetiresAt`, `rotationDueAt`,
 * `secretExists` (false after a refresh found the secret deleted), `expiryRule`, `organization`.
 * The resource id is `<clientId>/<secretTag>` and never changes across rotations.
 *
 * Ownership: every secret this resource generates carries `[pulumi:<secretTag>]` in its
 * description. The program side derives `secretTag` from the project, stack and resource name
 * (the URN's parts), so a run that starts over after a crash computes the same tag. Secrets are
 * matched by that tag and by id, never by value (UiPath shows a value only once).
 *
 * diff: `clientId` or the organization changing → replace (another app's secrets). A rotation due
 *   (trigger changed, rotateAfter passed, expired or within renewBefore of expiry, expiry settings
 *   changed, secret deleted outside Pulumi) or an overlap that has ended → UPDATE, never a
 *   replacement: one identity, and dependents get the new secret in the same run. The preview
 *   prints which secret will be generated and which retired.
 * create: settle, then generate the first secret (tried first with `verify`, as in a rotation).
 *   A rotation that would retire a previous secret consumers may still hold (superseded less than
 *   `overlap` ago, or the same UTC day without it) is refused, unless `emergency`; so is
 *   `emergency` with nothing to rotate (`rotationRefusal` in ../lifecycle/secretRotation.ts).
 * update (rotation): settle; generate N; with `verify`, get a token with N (retried up to
 *   `verifyTimeout`; on failure N is deleted and the run fails, state unchanged); delete the
 *   previous secret P; N becomes current and the old current C becomes previous (valid until the
 *   next rotation, or until `overlap` ends). With `emergency`, C is deleted too.
 * settle: deletes secrets with this resource's tag that the state does not know — secrets a
 *   run generated before it crashed and never saved. Their values were never recorded, so they
 *   are useless to anyone; deleting them first means a crash never leaves a stray secret and a
 *   rerun ends with exactly one new secret (the rerun must generate again: values are shown once).
 * read (refresh): the app's record from the organization's listing, one per run for all its
 *   resources (`readClient`); every write path (settle, delete) reads the app with its own GET
 *   first, so a secret added or deleted after the listing is still seen before anything is written.
 *   The app gone → the resource leaves state; the current secret gone →
 *   `secretExists: false` (the next up rotates); the previous gone → forgotten.
 * delete: deletes the current and previous secrets and every secret with the tag; never a secret
 *   without it (the app's first secret, other tools' secrets).
 */
import { z } from "zod";
import type * as pulumi from "@pulumi/pulumi";
import type { ExternalApplicationSecretArgs } from "../../resources/externalApplicationSecret";
import type { ArgsMatch } from "../inputs/argsMatch";
import { connectionSchema } from "../inputs/connection";
import { holdsUnknown } from "../inputs/validation";
import type { ProviderContext } from "../context";
import { InvalidInputError, NotFoundError, SecretVerificationError } from "../reporting/errors";
import {
    clientSecretAccepted,
    deleteSecret,
    generateSecret,
    getClient,
    identityFor,
    readClient,
    type Identity,
} from "../identity/identityApi";
import { durationSchema, parseDurationMs } from "../lifecycle/rotation";
import { historyLengthSchema, trimmed, withEntry, type RotationHistoryEntry } from "../lifecycle/rotationHistory";
import { rotationWindowShape, windowFailures } from "../lifecycle/rotationWindow";
import {
    describePlan,
    expiryRule,
    newSecretExpiry,
    nextRotationAt,
    planRotation,
    previousAfterRotation,
    previousRetiresAt,
    retiredByRotation,
    rotationRefusal,
} from "../lifecycle/secretRotation";
import {
    DEFAULT_VERIFY_TIMEOUT,
    MAX_VERIFY_TIMEOUT,
    tryUntilAccepted,
    verifyPausesMs,
} from "../lifecycle/secretVerification";
import {
    dropped,
    inputAndConnectionFailures,
    replacementsOf,
    stateGiven,
    withoutUndefined,
} from "../lifecycle/kindHelpers";

export const externalApplicationSecretInputs = z
    .object({
        clientId: z.string().min(1, "expected the external application's client id (e.g. app.clientId)"),
        description: z
            .string()
            .max(200, "expected at most 200 characters (UiPath keeps 256, the tag takes the rest)")
            .optional(),
        expiresAt: z.iso
            .datetime({ offset: true, error: "expected an ISO 8601 date-time such as 2026-12-31T00:00:00Z" })
            .optional(),
        expiresAfter: durationSchema.optional(),
        rotationTrigger: z.string().optional(),
        rotateAfter: durationSchema.optional(),
        renewBefore: durationSchema.optional(),
        overlap: durationSchema.optional(),
        verify: z.boolean().optional(),
        verifyTimeout: durationSchema
            .refine((v) => parseDurationMs(v) <= parseDurationMs(MAX_VERIFY_TIMEOUT), {
                message: `expected at most ${MAX_VERIFY_TIMEOUT}: an up should not wait longer for one secret`,
            })
            .optional(),
        emergency: z.boolean().optional(),
        connection: connectionSchema.optional(),
        historyLength: historyLengthSchema.optional(),
        ...rotationWindowShape,
        secretTag: z.string().regex(/^[0-9a-f]{16}$/, "set by the ExternalApplicationSecret class; do not pass it"),
    })
    .strict()
    .refine((v) => !v.verifyTimeout || v.verify === true, {
        path: ["verifyTimeout"],
        message: "verifyTimeout needs verify: true",
    })
    .refine((v) => !(v.expiresAt && v.expiresAfter), {
        path: ["expiresAfter"],
        message: "set expiresAt or expiresAfter, not both",
    })
    .refine((v) => !v.renewBefore || v.expiresAfter, {
        path: ["renewBefore"],
        message:
            "renewBefore needs expiresAfter (with a fixed expiresAt every new secret would expire at the same moment)",
    })
    .refine(
        (v) => !v.renewBefore || !v.expiresAfter || parseDurationMs(v.renewBefore) < parseDurationMs(v.expiresAfter),
        {
            path: ["renewBefore"],
            message: "renewBefore must be shorter than expiresAfter, or every run would rotate",
        },
    );

export type ExternalApplicationSecretInputs = z.infer<typeof externalApplicationSecretInputs>;

const argsMatch: ArgsMatch<
    ExternalApplicationSecretArgs,
    Omit<ExternalApplicationSecretInputs, "secretTag" | "rotationGroupSlot">
> = true;
void argsMatch;

export type ExternalApplicationSecretState = Omit<ExternalApplicationSecretInputs, "expiresAt"> & {
    organization: string;
    secret: string;
    secretId: number;
    expiresAt?: string;
    expiryRule: string;
    rotatedAt: string;
    secretExists: boolean;
    previousSecretId?: number;
    previousSecretRetiresAt?: string;
    rotationDueAt?: string;
    /** The last `historyLength` rotations, oldest first (absent in state written before it existed). */
    rotationHistory?: RotationHistoryEntry[];
};

type Provider = Required<
    Omit<pulumi.dynamic.ResourceProvider<ExternalApplicationSecretInputs, ExternalApplicationSecretState>, "configure">
>;

/** What replaces a secret besides its organization: another app's secrets are other secrets. A rotation is an update. */
const REPLACE_ON = ["clientId"] as const;
const tagOf = (inputs: { secretTag: string }) => `[pulumi:${inputs.secretTag}]`;
/** What a failed rotation leaves, in words. */
const heldUnchanged = (olds: { secretId: number; previousSecretId?: number }) =>
    olds.previousSecretId === undefined
        ? `the current secret ${olds.secretId} is unchanged`
        : `the current secret ${olds.secretId} and the previous secret ${olds.previousSecretId} are unchanged`;

export function externalApplicationSecretProvider(context: ProviderContext): Provider {
    const now = () => context.clock.now();
    const what = (s: { clientId: string; secretTag: string }) =>
        `ExternalApplicationSecret ${s.clientId}/${s.secretTag}`;
    /**
     * Secrets generated in this process. A forced replacement (`--replace`,
     * taint) creates the new resource with the same tag before deleting the
     * old one: that delete must spare the secret just handed to the new one.
     */
    const generatedHere = new Set<number>();

    /** The app's secrets, or a clear error when the app is gone. */
    const appSecrets = async (id: Identity, s: { clientId: string; secretTag: string }) => {
        const app = await getClient(id, s.clientId);
        if (!app) {
            throw new NotFoundError(
                `${what(s)}: external application ${s.clientId} does not exist in organization '${id.client.connection.organization}'; if it was deleted outside Pulumi, run \`pulumi refresh\` and then \`pulumi up\``,
            );
        }
        return app.secrets ?? [];
    };

    /** Deletes tagged secrets the state does not know (see "settle" above); returns how many. */
    const settle = async (
        id: Identity,
        s: { clientId: string; secretTag: string },
        known: readonly (number | undefined)[],
    ) => {
        const orphans = (await appSecrets(id, s)).filter(
            (x) => (x.description ?? "").includes(tagOf(s)) && !known.includes(x.id),
        );
        for (const orphan of orphans) await deleteSecret(id, orphan.id);
        if (orphans.length > 0) {
            context.notice(
                `${what(s)}: deleted ${orphans.length} secret(s) with this resource's tag that its state will not hold (ids ${orphans.map((o) => o.id).join(", ")}): generated by an interrupted run, or retired by a forced replacement.`,
            );
        }
    };

    const generate = async (id: Identity, inputs: ExternalApplicationSecretInputs) => {
        const expiry = newSecretExpiry(inputs, now());
        if (expiry && Date.parse(expiry) <= now()) {
            throw new InvalidInputError(
                `${what(inputs)}: expiresAt ${inputs.expiresAt} has passed; set a later expiresAt or use expiresAfter`,
            );
        }
        const description = `${inputs.description ?? "Managed by Pulumi"} ${tagOf(inputs)}`;
        const created = await generateSecret(id, inputs.clientId, description, expiry ?? null);
        generatedHere.add(created.id);
        return { secret: created.secret, secretId: created.id, expiresAt: created.expiryTime ?? expiry };
    };

    /**
     * With `verify`, gets a token with the new secret before anyone sees it. When it gets none
     * within `verifyTimeout`, the secret is deleted (it was never handed out) and the run fails
     * in one line; what the state holds is untouched, since `create` or `update` throws.
     */
    const verified = async (
        id: Identity,
        inputs: ExternalApplicationSecretInputs,
        fresh: { secret: string; secretId: number },
        held: string,
    ) => {
        if (!inputs.verify) return;
        const timeout = inputs.verifyTimeout ?? DEFAULT_VERIFY_TIMEOUT;
        let why: string;
        try {
            const outcome = await tryUntilAccepted(
                () => clientSecretAccepted(id, inputs.clientId, fresh.secret),
                verifyPausesMs(parseDurationMs(timeout)),
            );
            if (outcome.accepted) return;
            why = `UiPath refused it (invalid_client) on all ${outcome.attempts} token requests within verifyTimeout ${timeout}`;
        } catch (err) {
            why = `it could not be tried (${err instanceof Error ? err.message : String(err)})`;
        }
        let cleanup = "it was deleted and never handed out";
        try {
            await deleteSecret(id, fresh.secretId);
            generatedHere.delete(fresh.secretId);
        } catch (err) {
            cleanup = `it was never handed out, and could not be deleted (${err instanceof Error ? err.message : String(err)}); the next up deletes it (it carries this resource's tag)`;
        }
        throw new SecretVerificationError(
            `${what(inputs)}: verify: the new secret ${fresh.secretId} got no token: ${why}; ${cleanup}; ${held}. Run up again later, or set a longer verifyTimeout`,
        );
    };

    /** The outputs for the inputs and the secrets now held. */
    const state = (
        inputs: ExternalApplicationSecretInputs,
        id: Identity,
        held: { secret: string; secretId: number; expiresAt?: string; rotatedAt: string; previousSecretId?: number },
        history: readonly RotationHistoryEntry[] | undefined,
    ): ExternalApplicationSecretState => {
        const rotationDueAt = nextRotationAt(inputs, held.rotatedAt, held.expiresAt);
        return withoutUndefined({
            ...inputs,
            ...held,
            organization: id.client.connection.organization,
            expiryRule: expiryRule(inputs),
            secretExists: true,
            rotationDueAt,
            rotationHistory: trimmed(history, inputs.historyLength),
            previousSecretRetiresAt:
                held.previousSecretId === undefined
                    ? undefined
                    : previousRetiresAt(inputs, held.rotatedAt, rotationDueAt),
        });
    };

    return {
        async check(olds, news) {
            const failures = inputAndConnectionFailures(context, externalApplicationSecretInputs, news);
            // A resource being created has no older secret: `emergency` there has no rotation cause.
            if (failures.length === 0 && news.emergency === true && !olds?.clientId) {
                failures.push({
                    property: "emergency",
                    reason: "emergency: true on a secret being created: there is no older secret to retire; set it on an existing secret together with a changed rotationTrigger",
                });
            }
            if (failures.length === 0) failures.push(...windowFailures(news, now()));
            return { inputs: news, failures };
        },

        async diff(_id, olds, news) {
            const replaces = replacementsOf(context, olds, news, REPLACE_ON);
            if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: false };
            const plan = planRotation(olds, news, now());
            // A trigger or emergency still unknown in a preview is decided when known: `update` asks again before any call.
            const known = !holdsUnknown(news.rotationTrigger) && !holdsUnknown(news.emergency);
            const refusal = known ? rotationRefusal(plan, olds, news, now(), what(olds)) : undefined;
            if (refusal) throw new InvalidInputError(refusal, { property: news.emergency ? "emergency" : undefined });
            const line = describePlan(plan, olds, what(olds), news);
            if (line) context.notice(line);
            const echoed = [
                "description",
                "expiresAt",
                "expiresAfter",
                "rotationTrigger",
                "rotateAfter",
                "renewBefore",
                "overlap",
                "verify",
                "verifyTimeout",
                "emergency",
                "connection",
                "historyLength",
                "rotationWindow",
                "rotationGroup",
                "rotationGroupSlot",
            ] as const;
            const inputsChanged = echoed.some(
                (k) => k !== "expiresAt" && JSON.stringify(olds[k] ?? null) !== JSON.stringify(news[k] ?? null),
            );
            return {
                changes: Boolean(plan.rotate || plan.retirePrevious) || inputsChanged,
                replaces: [],
                deleteBeforeReplace: false,
            };
        },

        async create(inputs) {
            const id = await identityFor(context, inputs.connection);
            await settle(id, inputs, []);
            const fresh = await generate(id, inputs);
            await verified(id, inputs, fresh, "no secret was created for this resource");
            const held = { ...fresh, rotatedAt: new Date(now()).toISOString() };
            return { id: `${inputs.clientId}/${inputs.secretTag}`, outs: state(inputs, id, held, []) };
        },

        async update(_id, olds, given) {
            // The tag stays the one the secrets were generated with, even if the resource was renamed (aliases).
            const news = { ...given, secretTag: olds.secretTag };
            const id = await identityFor(context, news.connection);
            const plan = planRotation(olds, news, now());
            const current = {
                secret: olds.secret,
                secretId: olds.secretId,
                expiresAt: olds.expiresAt,
                rotatedAt: olds.rotatedAt,
                previousSecretId: olds.previousSecretId,
            };
            if (plan.rotate) {
                // diff refused this already, unless the trigger was unknown then or the clock moved since: asked again, before any call.
                const refusal = rotationRefusal(plan, olds, news, now(), what(olds));
                if (refusal) throw new InvalidInputError(refusal);
                await settle(id, olds, [olds.secretId, olds.previousSecretId]);
                const fresh = await generate(id, news);
                await verified(id, news, fresh, heldUnchanged(olds));
                // Only now, with the new secret in hand (and tried), retire the one consumers stopped using a rotation ago.
                const retired = retiredByRotation(olds, news);
                for (const old of retired) await deleteSecret(id, old);
                const rotatedAt = new Date(now()).toISOString();
                // Recorded with the outputs it describes: an interrupted run saves neither, its rerun both.
                const entry: RotationHistoryEntry = {
                    at: rotatedAt,
                    cause: news.emergency === true ? "emergency" : (plan.cause ?? "trigger"),
                    from: olds.secretId,
                    to: fresh.secretId,
                    retired,
                };
                return {
                    outs: state(
                        news,
                        id,
                        { ...fresh, rotatedAt, previousSecretId: previousAfterRotation(olds, news) },
                        withEntry(olds.rotationHistory, entry, news.historyLength),
                    ),
                };
            }
            if (plan.retirePrevious && olds.previousSecretId !== undefined) {
                await deleteSecret(id, olds.previousSecretId);
                return { outs: state(news, id, { ...current, previousSecretId: undefined }, olds.rotationHistory) };
            }
            return { outs: state(news, id, current, olds.rotationHistory) };
        },

        async read(resourceId, given) {
            const props = stateGiven(resourceId, given);
            const id = await identityFor(context, props.connection);
            const app = await readClient(id, props.clientId);
            if (!app)
                return dropped(
                    context,
                    `${what(props)}: external application ${props.clientId} no longer exists, and its secrets with it: removed from state.`,
                );
            const secrets = app.secrets ?? [];
            const observed: ExternalApplicationSecretState = { ...props };
            const current = secrets.find((s) => s.id === props.secretId);
            if (!current) {
                if (props.secretExists !== false)
                    context.notice(
                        `${what(props)}: secret ${props.secretId} was deleted outside Pulumi; the next \`pulumi up\` generates a new one.`,
                    );
                observed.secretExists = false;
            } else if (current.expiryTime) observed.expiresAt = new Date(current.expiryTime).toISOString();
            if (props.previousSecretId !== undefined && !secrets.some((s) => s.id === props.previousSecretId)) {
                delete observed.previousSecretId;
                delete observed.previousSecretRetiresAt;
            }
            return { id: resourceId, props: observed };
        },

        async delete(_id, props) {
            const id = await identityFor(context, props.connection);
            const app = await getClient(id, props.clientId);
            if (!app) return;
            const ours = new Set<number>([
                props.secretId,
                ...(props.previousSecretId === undefined ? [] : [props.previousSecretId]),
            ]);
            for (const s of app.secrets ?? []) if ((s.description ?? "").includes(tagOf(props))) ours.add(s.id);
            for (const secretId of ours) {
                if (!generatedHere.has(secretId) && (app.secrets ?? []).some((s) => s.id === secretId))
                    await deleteSecret(id, secretId);
            }
        },
    };
}
