export { OrchestratorApiAccess, type OrchestratorApiAccessArgs } from "./resources/orchestratorApiAccess";
export { DocumentUnderstandingApiKey } from "./resources/documentUnderstandingApiKey";
export { ComputerVisionApiKey } from "./resources/computerVisionApiKey";
export type { ProductApiKey, ProductApiKeyArgs } from "./resources/productApiKey";
export type { ConnectionArgs } from "./resources/connectionArgs";
export * from "./runtime/errors";
