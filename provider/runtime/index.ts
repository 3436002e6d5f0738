/**
 * The entry of the provider process, exported as `pulumi-uipath-keys/runtime`.
 * The loader stored in state (`shared/loader.ts`) requires it by that name and
 * calls `configure(req)` and `provider(kind)`: stacks already in users' state
 * call exactly these, so their signatures stay. It owns the process's one
 * {@link ProviderContext}.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKindName } from "../shared/kinds";
import type { KindProvider, ProviderRuntime } from "../shared/loader";
import { ProviderContext } from "./context";
import { kindProviders } from "./kinds";

let context: ProviderContext | undefined;
const providers = new Map<ResourceKindName, KindProvider>();

/** Created on first use, so a bad `UIPATH_KEYS_NOW` fails an operation, not the import. */
function processContext(): ProviderContext {
    context ??= new ProviderContext();
    return context;
}

/** Receives the stack config (secrets decrypted) from the engine. */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    processContext().stackConfig = req.config;
}

/** The implementation of one kind, built once per process. */
export function provider(kind: ResourceKindName): KindProvider {
    let p = providers.get(kind);
    if (!p) {
        p = kindProviders[kind](processContext());
        providers.set(kind, p);
    }
    return p;
}

export { ProviderContext };

// tsc checks that this module is what the loader expects.
const runtime: ProviderRuntime = { configure, provider };
void runtime;
