export { OrchestratorApiAccess, type OrchestratorApiAccessArgs } from "./orchestratorApiAccess";
export { DocumentUnderstandingApiKey } from "./documentUnderstandingApiKey";
export { ComputerVisionApiKey } from "./computerVisionApiKey";
export type { ProductApiKey, ProductApiKeyArgs } from "./productApiKey";
export type { ConnectionArgs } from "./connectionArgs";
export * from "./errors";
