/**
 * The provider object handed to `pulumi.dynamic.Resource`. Pulumi serializes
 * it into state (`__provider`) and runs that stored copy for every later
 * operation, including refresh and destroy from another checkout or machine.
 * So it holds none of our code and no machine path: each method requires
 * `pulumi-uipath-keys/runtime` by name, in the provider process, when called,
 * and forwards to the {@link ProviderRuntime} found there. (Capturing the
 * real implementation would also fail: zod schemas and a got instance hold
 * bound functions the closure serializer cannot copy.)
 *
 * One loader per kind, built once here: Pulumi caches the serialized text per
 * provider object, so a fresh object per resource would be serialized again
 * for every resource.
 */
import type * as pulumi from "@pulumi/pulumi";
import { resourceKindNames, type ResourceKindName } from "./kinds";

/** Properties as the engine passes them: a kind's provider gives them their shape. */
export type PropertyBag = Record<string, unknown>;

/**
 * What the loader calls on one kind. Method syntax on purpose: each kind
 * narrows its inputs and state (`ResourceProvider<Inputs, Outputs>`), and the
 * engine hands it only what its own `check` and `create` returned.
 */
export interface KindProvider {
    check(olds: PropertyBag, news: PropertyBag): Promise<pulumi.dynamic.CheckResult<PropertyBag>>;
    diff(id: string, olds: PropertyBag, news: PropertyBag): Promise<pulumi.dynamic.DiffResult>;
    create(inputs: PropertyBag): Promise<pulumi.dynamic.CreateResult<PropertyBag>>;
    read(id: string, props?: PropertyBag): Promise<pulumi.dynamic.ReadResult<PropertyBag>>;
    update(id: string, olds: PropertyBag, news: PropertyBag): Promise<pulumi.dynamic.UpdateResult<PropertyBag>>;
    delete(id: string, props: PropertyBag): Promise<void>;
}

/**
 * What `pulumi-uipath-keys/runtime` exports. Stacks already in users' state
 * call exactly these two through their stored `__provider`: keep them.
 */
export interface ProviderRuntime {
    /** Receives the stack config (secrets decrypted) from the engine. */
    configure(req: pulumi.dynamic.ConfigureRequest): Promise<void>;
    /** The implementation of one kind, shared by all its resources in this process. */
    provider(kind: ResourceKindName): KindProvider;
}

/** The serialized provider of one kind. */
export type KindLoader = pulumi.dynamic.ResourceProvider<PropertyBag, PropertyBag>;

function loaderFor(kind: ResourceKindName): KindLoader {
    // Resolved at call time, by package name, in the provider process: never a path of this machine.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const runtime = (): ProviderRuntime => require("pulumi-uipath-keys/runtime");
    return {
        configure: (req) => runtime().configure(req),
        check: (olds, news) => runtime().provider(kind).check(olds, news),
        diff: (id, olds, news) => runtime().provider(kind).diff(id, olds, news),
        create: (inputs) => runtime().provider(kind).create(inputs),
        read: (id, props) => runtime().provider(kind).read(id, props),
        update: (id, olds, news) => runtime().provider(kind).update(id, olds, news),
        delete: (id, props) => runtime().provider(kind).delete(id, props),
    };
}

const loaders = new Map<ResourceKindName, KindLoader>(resourceKindNames.map((kind) => [kind, loaderFor(kind)]));

/** The one loader of a kind, for `pulumi.dynamic.Resource`. */
export function providerLoader(kind: ResourceKindName): KindLoader {
    const loader = loaders.get(kind);
    if (!loader) throw new Error(`unknown resource kind ${kind}`);
    return loader;
}
