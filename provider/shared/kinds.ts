/**
 * The resource kinds, by the name that appears in state
 * (`pulumi-nodejs:dynamic/uipath:<name>`). Both sides know this list: the
 * program side to pick a loader, the provider process to pick an
 * implementation. Adding a kind starts here.
 */
export const resourceKindNames = [
    "OrchestratorApiAccess",
    "DocumentUnderstandingApiKey",
    "ComputerVisionApiKey",
    "OrchestratorAsset",
    "ExternalApplication",
    "ExternalApplicationSecret",
    "FederatedCredential",
] as const;

export type ResourceKindName = (typeof resourceKindNames)[number];

/** The module part of every type token: `pulumi-nodejs:dynamic/uipath:<kind>`. */
export const resourceModule = "uipath";
