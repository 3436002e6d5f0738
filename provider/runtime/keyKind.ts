/**
 * What one kind of organization-owned key contributes to the shared
 * lifecycle in `keyLifecycle.ts`: its inputs, its id, and how to fetch,
 * regenerate and try its key. One file per kind in `kinds/` implements it.
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { UiPathClient } from "./client";
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
    verify(client: UiPathClient, inputs: I, material: KeyMaterial): Promise<void>;
}

/** First 16 hex digits of the key's SHA-256. */
export const fingerprint = (key: string): string => createHash("sha256").update(key).digest("hex").slice(0, 16);
