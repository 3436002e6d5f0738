/**
 * How a policy recognises this package's resources: by the type token the engine shows them
 * under (`pulumi-nodejs:dynamic/uipath:<kind>`, see `shared/kinds.ts`), and what each kind is
 * for the rules (which rotate, which hold a key or a secret).
 */
import { resourceKindNames, resourceModule, type ResourceKindName } from "../shared/kinds";

const typePrefix = `pulumi-nodejs:dynamic/${resourceModule}:`;

/** The kind of a resource of this package, from its type token; undefined for any other resource. */
export function kindOf(type: string): ResourceKindName | undefined {
    if (!type.startsWith(typePrefix)) return undefined;
    const name = type.slice(typePrefix.length);
    return resourceKindNames.find((kind) => kind === name);
}

/** Kinds that hold an organization's key, rotated by `rotateAfter` (or `rotationTrigger`). */
export const keyKinds: readonly ResourceKindName[] = [
    "OrchestratorApiAccess",
    "DocumentUnderstandingApiKey",
    "ComputerVisionApiKey",
];

/** Kinds that rotate: the keys and the external application's client secret. */
export const rotatingKinds: readonly ResourceKindName[] = [...keyKinds, "ExternalApplicationSecret"];

/** The output of each kind that holds a key or a client secret. */
export const credentialOutputs: Partial<Record<ResourceKindName, string>> = {
    OrchestratorApiAccess: "userKey",
    DocumentUnderstandingApiKey: "apiKey",
    ComputerVisionApiKey: "apiKey",
    ExternalApplication: "secret",
    ExternalApplicationSecret: "secret",
};

/** The stack a resource belongs to, from its URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function stackOf(urn: string): string {
    return urn.split("::")[0]?.replace(/^urn:pulumi:/, "") ?? "";
}
