/** Reading what Pulumi recorded, as the tests need it. */
import type { ExportedResource } from "./stack";

/**
 * The marker Pulumi puts on a secret value in state (`"4dabf18193072939515e22adb298388d":
 * "1b47061264138c4ac30d75fd1eb44270"`, then the ciphertext): a property under it is stored encrypted.
 */
export const PULUMI_SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

/** The resource whose URN ends with `::name`; throws when it is not there. */
export function resourceNamed(resources: readonly ExportedResource[], name: string): ExportedResource {
    const found = resources.find((r) => r.urn.endsWith(`::${name}`));
    if (!found)
        throw new Error(
            `no resource named ${name} in state (have: ${resources.map((r) => r.urn.split("::").pop()).join(", ")})`,
        );
    return found;
}

/** Whether a property of state is stored as a Pulumi secret (ciphertext, not the value). */
export function isStoredAsSecret(value: unknown): boolean {
    return typeof value === "object" && value !== null && PULUMI_SECRET_SIGNATURE in value && "ciphertext" in value;
}
