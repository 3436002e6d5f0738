/**
 * What one kind of organization-owned key contributes to the shared
 * lifecycle in `keyLifecycle.ts`: its inputs, its id, and how to fetch,
 * regenerate and try its key. One file per kind in `kinds/` implements it.
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { UiPathClient } from "../http/client";
import type { Connection } from "../inputs/connection";
import type { KeyInputs } from "./keyInputs";

/** A key as read from or returned by the service. */
export interface KeyMaterial {
    key: string;
    /** Non-secret facts that come with it (account logical name, tenant name, client id). */
    extra: Record<string, string>;
}

export interface KeyKind<I extends KeyInputs> {
    /** Name of the secret output holding the key ("userKey", "apiKey"). */
    keyOutput: string;
    inputSchema: z.ZodType<I>;
    /** Inputs that name a different key: changing one is a replacement that adopts, never a rotation. */
    identityInputs: readonly (keyof I & string)[];
    /** Stable id, from the organization and the identity inputs. */
    id(organization: string, inputs: I): string;
    fetch(client: UiPathClient, inputs: I): Promise<KeyMaterial>;
    regenerate(client: UiPathClient, inputs: I): Promise<KeyMaterial>;
    /**
     * Tries the key where it is used. Throws when the service refuses it (or cannot be reached);
     * answers {@link VerifyOutcome} `checked: false` when the check itself could not be made, which
     * says nothing about the key.
     */
    verify(client: UiPathClient, inputs: I, material: KeyMaterial): Promise<VerifyOutcome>;
    /**
     * Why `verify` cannot run with this connection, known before any API call (a product host
     * with no default for the base URL); undefined when it can. Asked in `check` only when `verify` is set.
     */
    verifyUnavailable?(connection: Connection): string | undefined;
}

/**
 * What trying a key showed, when the service did not refuse it: it worked, or the check could
 * not be made (the check route answered 400 or 404: a route from a withdrawn or modeled
 * specification, not a verdict on the key).
 */
export type VerifyOutcome = { checked: true } | { checked: false; reason: string };

/** First 16 hex digits of the key's SHA-256. */
export const fingerprint = (key: string): string => createHash("sha256").update(key).digest("hex").slice(0, 16);
