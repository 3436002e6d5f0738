/**
 * What the command knows of this package's resources: their type tokens in state, which kinds
 * are single-phase keys (regenerating kills the old key at once), and how the provider's
 * notices start.
 */
import { resourceKindNames, resourceModule, type ResourceKindName } from "../../provider/shared/kinds";

/** Every resource of this package has this type prefix in state. */
export const TYPE_PREFIX = `pulumi-nodejs:dynamic/${resourceModule}:`;

/**
 * Keys UiPath keeps one of: regenerating one invalidates the old key at once, so each
 * dependent holds a dead key from the regeneration until its own update.
 */
export const SINGLE_PHASE_KINDS: ReadonlySet<string> = new Set<ResourceKindName>([
    "OrchestratorApiAccess",
    "DocumentUnderstandingApiKey",
    "ComputerVisionApiKey",
]);

/** The same prefix as `NOTICE_PREFIX` in provider/runtime/context.ts (a test holds them equal). */
export const NOTICE_PREFIX = "uipath: ";

/** The kind of a type token of this package, or undefined for any other resource. */
export function kindOf(type: string): ResourceKindName | undefined {
    if (!type.startsWith(TYPE_PREFIX)) return undefined;
    const name = type.slice(TYPE_PREFIX.length);
    return (resourceKindNames as readonly string[]).includes(name) ? (name as ResourceKindName) : undefined;
}
