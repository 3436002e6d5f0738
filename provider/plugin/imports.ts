/**
 * `pulumi import`: the resource from its import id alone (the engine's `Read`
 * with no state), with the inputs that describe it as it is.
 */
import type { ResourceKindName } from "../shared/kinds";
import type { PropertyBag, ProviderRuntime } from "../shared/loader";

export interface Imported {
    id: string;
    inputs: PropertyBag;
    props: PropertyBag;
}

export function importResource(_runtime: ProviderRuntime, kind: ResourceKindName, id: string): Promise<Imported> {
    return Promise.reject(new Error(`${kind} ${id}: import is not supported yet`));
}
