/**
 * The package's public API, loaded in the user's program: the resource
 * classes and their arguments (`resources/`), and the error classes the
 * provider raises. Nothing here loads zod or got.
 */
export { OrchestratorApiAccess, type OrchestratorApiAccessArgs } from "./resources/orchestratorApiAccess";
export { DocumentUnderstandingApiKey } from "./resources/documentUnderstandingApiKey";
export { ComputerVisionApiKey } from "./resources/computerVisionApiKey";
export {
    OrchestratorAsset,
    type OrchestratorAssetArgs,
    type OrchestratorAssetValueType,
} from "./resources/orchestratorAsset";
export type { ProductApiKey, ProductApiKeyArgs } from "./resources/productApiKey";
export { ExternalApplication, type ExternalApplicationArgs } from "./resources/externalApplication";
export { ExternalApplicationSecret, type ExternalApplicationSecretArgs } from "./resources/externalApplicationSecret";
export { FederatedCredential, type FederatedCredentialArgs } from "./resources/federatedCredential";
export { clientCredentials, type ClientCredentials } from "./resources/clientCredentials";
export type { KeyResource } from "./resources/keyResource";
export type { KeyArgs } from "./resources/keyArgs";
export type { ConnectionArgs } from "./resources/connectionArgs";
export type { RotationArgs, RotationWindowArgs } from "./resources/rotationArgs";
export type { RotationCause, RotationHistoryEntry } from "./shared/rotationHistory";
export * from "./runtime/reporting/errors";
