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
import type { Imported } from "./kinds/imports";
import { hintingAtSavedConfig } from "./inputs/staleConfig";
import { installHostPrintFilter, userFacing } from "./reporting/userFacing";

let context: ProviderContext | undefined;
const providers = new Map<ResourceKindName, KindProvider>();

/** Created on first use, so a bad `UIPATH_KEYS_NOW` fails an operation, not the import. */
function processContext(): ProviderContext {
    context ??= new ProviderContext();
    return context;
}

/**
 * Receives the stack config (secrets decrypted) from the engine. Only the
 * dynamic-provider host calls it, so this is where its duplicate error prints
 * are filtered (see `userFacing.ts`).
 */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    installHostPrintFilter();
    await userFacing("configure", async () => {
        processContext().stackConfig = req.config;
    });
}

/** The implementation of one kind, built once per process; every failure it raises reaches the user as one line. */
export function provider(kind: ResourceKindName): KindProvider {
    let p = providers.get(kind);
    if (!p) {
        p = oneLineFailures(kind);
        providers.set(kind, p);
    }
    return p;
}

/** The kind's provider, built at its first call so that a failure to build it (a bad `UIPATH_KEYS_NOW`) is one line too. */
function oneLineFailures(kind: ResourceKindName): KindProvider {
    let built: KindProvider | undefined;
    const p = (): KindProvider => (built ??= kindProviders[kind](processContext()));
    return {
        check: (olds, news) => userFacing("check", () => p().check(olds, news)),
        diff: (id, olds, news) => userFacing("diff", () => p().diff(id, olds, news)),
        create: (inputs) => userFacing("create", () => p().create(inputs)),
        read: (id, props) =>
            userFacing("read", () =>
                hintingAtSavedConfig(processContext(), "refresh", props?.connection, () => p().read(id, props)),
            ),
        update: (id, olds, news) => userFacing("update", () => p().update(id, olds, news)),
        delete: (id, props) =>
            userFacing("delete", () =>
                hintingAtSavedConfig(processContext(), "destroy", props.connection, () => p().delete(id, props)),
            ),
    };
}

/**
 * `pulumi import` of one resource by its import id (`kinds/imports.ts`), for the provider plugin:
 * the resource's id, state and inputs. Loaded at its first use, as the kinds are.
 */
export function importResource(kind: ResourceKindName, importId: string): Promise<Imported> {
    return userFacing("read", () =>
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, as the kinds are (kinds/index.ts)
        (require("./kinds/imports") as typeof import("./kinds/imports")).importResource(
            processContext(),
            kind,
            importId,
            () => provider(kind),
        ),
    );
}

export { ProviderContext };

// tsc checks that this module is what the loader expects.
const runtime: ProviderRuntime = { configure, provider };
void runtime;
