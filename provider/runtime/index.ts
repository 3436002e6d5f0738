/**
 * What runs in the dynamic-provider process: the implementation of each
 * resource kind, and the stack config received through `configure()`.
 * Module state here is shared by every resource of one provider process
 * (one `pulumi up`), which is what lets them share cached tokens.
 */
import type * as pulumi from "@pulumi/pulumi";
import { computerVisionKind } from "../resources/computerVisionApiKey";
import type { StackConfig } from "./connection";
import { documentUnderstandingKind } from "../resources/documentUnderstandingApiKey";
import { keyProvider } from "./keyResource";
import type { ResourceKindName } from "../shared/loader";
import { orchestratorApiAccessKind } from "../resources/orchestratorApiAccess";

let stackConfig: StackConfig = { get: () => undefined };

/** Receives the stack config (secrets decrypted) from the engine. */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    stackConfig = req.config;
}

const deps = { stackConfig: () => stackConfig };

const implementations: Record<ResourceKindName, () => pulumi.dynamic.ResourceProvider> = {
    OrchestratorApiAccess: () => keyProvider(orchestratorApiAccessKind, deps),
    DocumentUnderstandingApiKey: () => keyProvider(documentUnderstandingKind, deps),
    ComputerVisionApiKey: () => keyProvider(computerVisionKind, deps),
};

const cache = new Map<ResourceKindName, pulumi.dynamic.ResourceProvider>();

export function provider(kind: ResourceKindName): pulumi.dynamic.ResourceProvider {
    let p = cache.get(kind);
    if (!p) {
        p = implementations[kind]();
        cache.set(kind, p);
    }
    return p;
}
