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

/** A method of {@link KindProvider} called with whatever the host passed (the loader picked it by those arguments). */
type Forward = (...args: unknown[]) => Promise<unknown>;

/** The serialized provider of one kind. */
export type KindLoader = pulumi.dynamic.ResourceProvider<PropertyBag, PropertyBag>;

/**
 * Pulumi's serializer wraps every function object in about 180 characters,
 * and the engine keeps the text in both inputs and outputs of every
 * resource, so seven forwarding methods cost 2.4 KB per resource. Two
 * function objects serve all seven instead. Each tells its methods apart by
 * what the dynamic-provider host passes: `configure(req)`, `check(olds,
 * news)`, `read(id, props)`, `diff(id, olds, news)` on the first;
 * `create(inputs)`, `delete(id, props)`, `update(id, olds, news)` on the
 * second (an id is a string, every other argument an object). What they
 * call in the runtime is what the loaders of earlier versions call, so
 * state written by either version works with the other.
 *
 * This relies on the host's calling convention (`cmd/dynamic-provider` of
 * `@pulumi/pulumi`, unchanged since dynamic providers exist); a host that
 * passed more arguments would need a new pairing here, and
 * test/provider/programSide.test.ts replays those exact calls. The stored
 * text is at most 1 KB per kind, the same from any checkout path.
 *
 * No comments inside the two functions: their compiled text is what lands
 * in state. What they capture (not `this`) keeps a detached call working.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- resolved at call time, by package name, in the provider process: never a path of this machine */
function loaderFor(kind: ResourceKindName): KindLoader {
    // Terse on purpose: every character is stored twice per resource. `t` is what both functions
    // need (one copy in the text), `a` the host's arguments, `r` the runtime.
    const t = { k: kind, m: "pulumi-uipath-keys/runtime" };
    // The two functions' text is stored in state: a reformat would change every stack's state.
    // prettier-ignore
    const configureCheckReadDiff = (...a: unknown[]) =>
        (r => a[1] ? (r.provider(t.k)[typeof a[0] == "string" ? a[2] ? "diff" : "read" : "check"] as Forward)(...a) : r.configure(a[0] as pulumi.dynamic.ConfigureRequest))(require(t.m) as ProviderRuntime);
    // prettier-ignore
    const createDeleteUpdate = (...a: unknown[]) => ((require(t.m) as ProviderRuntime).provider(t.k)[a[1] ? a[2] ? "update" : "delete" : "create"] as Forward)(...a);
    // A shared function cannot carry each method's own signature: the cast is the price of the size.
    return {
        configure: configureCheckReadDiff,
        check: configureCheckReadDiff,
        read: configureCheckReadDiff,
        diff: configureCheckReadDiff,
        create: createDeleteUpdate,
        delete: createDeleteUpdate,
        update: createDeleteUpdate,
    } as KindLoader;
}
/* eslint-enable @typescript-eslint/no-require-imports */

const loaders = new Map<ResourceKindName, KindLoader>(resourceKindNames.map((kind) => [kind, loaderFor(kind)]));

/** The one loader of a kind, for `pulumi.dynamic.Resource`. */
export function providerLoader(kind: ResourceKindName): KindLoader {
    const loader = loaders.get(kind);
    if (!loader) throw new Error(`unknown resource kind ${kind}`);
    return loader;
}
