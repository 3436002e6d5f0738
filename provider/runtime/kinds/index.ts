/**
 * The registry: one line per resource kind, naming its implementation.
 * `satisfies` makes `tsc` fail when a kind in `shared/kinds.ts` has none.
 */
import type { KindProvider } from "../../shared/loader";
import type { ResourceKindName } from "../../shared/kinds";
import type { ProviderContext } from "../context";
import { keyProvider } from "../keyLifecycle";
import { computerVisionApiKeyKind } from "./computerVisionApiKey";
import { documentUnderstandingApiKeyKind } from "./documentUnderstandingApiKey";
import { orchestratorApiAccessKind } from "./orchestratorApiAccess";
import { orchestratorAssetProvider } from "./orchestratorAsset";

export const kindProviders = {
    OrchestratorApiAccess: (context) => keyProvider(orchestratorApiAccessKind, context),
    DocumentUnderstandingApiKey: (context) => keyProvider(documentUnderstandingApiKeyKind, context),
    ComputerVisionApiKey: (context) => keyProvider(computerVisionApiKeyKind, context),
    OrchestratorAsset: (context) => orchestratorAssetProvider(context),
} satisfies Record<ResourceKindName, (context: ProviderContext) => KindProvider>;
