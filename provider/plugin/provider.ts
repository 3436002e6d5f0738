/**
 * The provider plugin's resource operations: each one finds the kind from the
 * URN and calls that kind's provider in the runtime, the same object the
 * dynamic path's loader calls (`shared/loader.ts`), so no kind has a second
 * implementation. What the plugin adds is what a dynamic resource gets from
 * its program-side class: secret marks on the way out (`secrets.ts`; the
 * class's `additionalSecretOutputs`), an `ExternalApplicationSecret`'s tag
 * from its URN (the class computes it from project, stack and name), and
 * `pulumi import` (`runtime/kinds/imports.ts`: a dynamic resource cannot be imported).
 */
import type * as provider from "@pulumi/pulumi/provider";
import type { ResourceKindName } from "../shared/kinds";
import type { PropertyBag, ProviderRuntime } from "../shared/loader";
import type { importResource } from "../runtime";
import { secretPropertiesOf } from "../shared/secretOutputs";
import { secretTagFor } from "../shared/secretTag";
import { withSecretMarks, withoutSecretMarks } from "./secrets";
import { urnParts } from "./tokens";

/** The properties marked secret on the way out: the kind's secret properties, and any the engine sent as secret. */
function marked(kind: ResourceKindName, props: PropertyBag, sentSecret: Iterable<string> = []): PropertyBag {
    return withSecretMarks(props, new Set([...secretPropertiesOf(kind), ...sentSecret]));
}

/**
 * A failed create or update may carry the resource's properties (`KeyVerificationError`,
 * `UnfinishedCreateError`: the engine keeps them as a resource that failed to initialize);
 * they leave with the same secret marks as a success's.
 */
async function markingFailure<T>(kind: ResourceKindName, sentSecret: Set<string>, run: () => Promise<T>): Promise<T> {
    try {
        return await run();
    } catch (err) {
        const failed = err as { properties?: PropertyBag };
        if (failed && typeof failed.properties === "object")
            failed.properties = marked(kind, failed.properties, sentSecret);
        throw err;
    }
}

/**
 * A group spreads its members' rotations over distinct days by their places in the group, which
 * only a program sees whole (`resources/rotationGroups.ts` passes each member its slot). The
 * plugin sees one resource at a time: a group would silently not spread anything, so it is refused.
 */
const groupRefusal =
    "rotationGroup needs the TypeScript classes of pulumi-uipath-keys (the program places every member of a group); with the provider plugin use rotationWindow, with different windows for resources that must not rotate together";

/** What the plugin calls in the runtime: what the dynamic loader calls, and `pulumi import`. */
export type PluginRuntime = ProviderRuntime & { importResource: typeof importResource };

export function pluginProvider(
    runtime: PluginRuntime,
    meta: { version: string; getSchema: () => Promise<string> },
): provider.Provider {
    return {
        version: meta.version,
        getSchema: meta.getSchema,

        async check(urn, olds, news) {
            const { kind, project, stack, name } = urnParts(urn);
            const given = withoutSecretMarks(news as PropertyBag);
            const inputs = given.plain;
            if (kind === "ExternalApplicationSecret" && inputs.secretTag === undefined)
                inputs.secretTag = secretTagFor(project, stack, name);
            const result = await runtime.provider(kind).check(withoutSecretMarks(olds as PropertyBag).plain, inputs);
            const failures = (result.failures ?? []).map((f) => ({ property: f.property, reason: f.reason }));
            if (inputs.rotationGroup !== undefined) failures.push({ property: "rotationGroup", reason: groupRefusal });
            return { inputs: marked(kind, result.inputs ?? inputs, given.secretNames), failures };
        },

        async diff(id, urn, olds, news) {
            const { kind } = urnParts(urn);
            const result = await runtime
                .provider(kind)
                .diff(id, withoutSecretMarks(olds as PropertyBag).plain, withoutSecretMarks(news as PropertyBag).plain);
            return {
                changes: result.changes,
                replaces: result.replaces,
                stables: result.stables,
                deleteBeforeReplace: result.deleteBeforeReplace,
            };
        },

        async create(urn, inputs) {
            const { kind } = urnParts(urn);
            const given = withoutSecretMarks(inputs as PropertyBag);
            const result = await markingFailure(kind, given.secretNames, () =>
                runtime.provider(kind).create(given.plain),
            );
            return { id: result.id, outs: marked(kind, result.outs ?? {}, given.secretNames) };
        },

        async read(id, urn, props) {
            const { kind } = urnParts(urn);
            const state = withoutSecretMarks(props as PropertyBag | undefined);
            // `pulumi import` reads with the id alone.
            if (Object.keys(state.plain).length === 0) {
                const imported = await runtime.importResource(kind, id);
                return {
                    id: imported.id,
                    props: marked(kind, imported.props),
                    inputs: marked(kind, imported.inputs),
                };
            }
            const result = await runtime.provider(kind).read(id, state.plain);
            // A blank id says the resource is gone; the engine then drops it (and reads no properties).
            return { id: result.id, props: marked(kind, result.props ?? {}, state.secretNames) };
        },

        async update(id, urn, olds, news) {
            const { kind } = urnParts(urn);
            const given = withoutSecretMarks(news as PropertyBag);
            const result = await markingFailure(kind, given.secretNames, () =>
                runtime.provider(kind).update(id, withoutSecretMarks(olds as PropertyBag).plain, given.plain),
            );
            return { outs: marked(kind, result.outs ?? {}, given.secretNames) };
        },

        async delete(id, urn, props) {
            const { kind } = urnParts(urn);
            await runtime.provider(kind).delete(id, withoutSecretMarks(props as PropertyBag).plain);
        },
    };
}
