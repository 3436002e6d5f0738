/**
 * The registry: one line per resource kind, naming its implementation.
 * `satisfies` makes `tsc` fail when a kind in `shared/kinds.ts` has none.
 *
 * Each kind's module is required when its provider is first built: a
 * process that serves one kind does not compile the others or build their
 * zod schemas (about 20 ms per provider process, `npm run bench:profile`).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, on purpose; `typeof import` keeps the types */
import type { KindProvider } from "../../shared/loader";
import type { ResourceKindName } from "../../shared/kinds";
import type { ProviderContext } from "../context";
import { keyProvider } from "../lifecycle/keyLifecycle";

export const kindProviders = {
    OrchestratorApiAccess: (context) =>
        keyProvider(
            (require("./orchestratorApiAccess") as typeof import("./orchestratorApiAccess")).orchestratorApiAccessKind,
            context,
        ),
    DocumentUnderstandingApiKey: (context) =>
        keyProvider(
            (require("./documentUnderstandingApiKey") as typeof import("./documentUnderstandingApiKey"))
                .documentUnderstandingApiKeyKind,
            context,
        ),
    ComputerVisionApiKey: (context) =>
        keyProvider(
            (require("./computerVisionApiKey") as typeof import("./computerVisionApiKey")).computerVisionApiKeyKind,
            context,
        ),
    ExternalApplication: (context) =>
        (require("./externalApplication") as typeof import("./externalApplication")).externalApplicationProvider(
            context,
        ),
    ExternalApplicationSecret: (context) =>
        (
            require("./externalApplicationSecret") as typeof import("./externalApplicationSecret")
        ).externalApplicationSecretProvider(context),
    FederatedCredential: (context) =>
        (require("./federatedCredential") as typeof import("./federatedCredential")).federatedCredentialProvider(
            context,
        ),
    OrchestratorAsset: (context) =>
        (require("./orchestratorAsset") as typeof import("./orchestratorAsset")).orchestratorAssetProvider(context),
} satisfies Record<ResourceKindName, (context: ProviderContext) => KindProvider>;
