/**
 * Which properties of each kind are secret, besides `connection` (always
 * secret). Both registrations read this one list: the program side's
 * `additionalSecretOutputs` (`resources/uiPathResource.ts`) and the provider
 * plugin's secret marks on the properties it returns (`plugin/secrets.ts`).
 * The plugin also marks them secret among the inputs (the dynamic path's
 * classes wrap `value` and `password` in `pulumi.secret` for the same reason).
 */
import type { ResourceKindName } from "./kinds";

export const secretProperties = {
    OrchestratorApiAccess: ["userKey"],
    DocumentUnderstandingApiKey: ["apiKey"],
    ComputerVisionApiKey: ["apiKey"],
    OrchestratorAsset: ["value", "password"],
    ExternalApplication: ["secret"],
    ExternalApplicationSecret: ["secret"],
    FederatedCredential: [],
} as const satisfies Record<ResourceKindName, readonly string[]>;

/** Every secret property of a kind, `connection` included. */
export function secretPropertiesOf(kind: ResourceKindName): readonly string[] {
    return [...secretProperties[kind], "connection"];
}
