/**
 * One key, one resource. Two resources of a stack that manage the same key
 * (two `DocumentUnderstandingApiKey` for one organization, or tenant
 * "DefaultTenant" beside "defaulttenant") would each rotate it: the key is
 * regenerated twice and one resource's dependents keep a dead key. So each
 * is refused, naming both, before anything is created or rotated.
 *
 * Why the program side finds them: only the program knows resource names and
 * sees every resource of the run; the provider's `check` sees one resource's
 * inputs, without its name, and the engine may already be rotating the first
 * resource when the second is checked.
 *
 * How: each key resource gets an input, `sameKeyAs` (`shared/sameKey.ts`), that resolves
 * once its identity is known, one turn of the event loop after it is
 * recorded, so every resource the program declares at top level (identities
 * from plain values or config resolve within that turn) is recorded before
 * any is registered. Unique, it resolves to nothing and is left out of the
 * inputs (state does not change). Claimed twice, it holds the message, and
 * the provider's `check` refuses the resource with it (the engine then makes
 * no create or update). Failing the registration itself is no option: the
 * Node SDK then never resolves the resource's outputs and the program hangs.
 * A resource whose identity comes from another resource's output is checked
 * when it resolves; the later of two duplicates is refused then.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ResourceKindName } from "../shared/kinds";
import type { ConnectionArgs } from "./connectionArgs";

/** A part of what names a key ("tenant", "DefaultTenant"); the service compares names case-insensitively. */
export type IdentityPart = [label: string, value: pulumi.Input<string | undefined>];

interface Claim {
    kind: ResourceKindName;
    name: string;
    /** As the user wrote it, for the message. */
    described: string;
}

/** One registry per Pulumi run: an Automation API process runs several programs one after another. */
const registries = new WeakMap<object, Map<string, Claim[]>>();
const noMonitor = {};

function registry(): Map<string, Claim[]> {
    const run = pulumi.runtime.getMonitor() ?? noMonitor;
    let claims = registries.get(run);
    if (!claims) {
        claims = new Map();
        registries.set(run, claims);
    }
    return claims;
}

/** The organization a resource's key belongs to, resolved as the provider will: connection, stack config, environment. */
export function organizationOf(
    connection: pulumi.Input<ConnectionArgs> | undefined,
): pulumi.Output<string | undefined> {
    const fallback = new pulumi.Config("uipath").get("organization") ?? (process.env.UIPATH_ORGANIZATION || undefined);
    return pulumi.output(connection).apply((c) => c?.organization ?? fallback);
}

/**
 * The value of `sameKeyAs`: undefined once the identity is known and
 * unique in this run, the message naming every resource that manages the same
 * key otherwise. Unknown during preview when a part is (an organization from
 * another resource's output): the provider cannot tell then either.
 */
export function uniqueKeyGuard(
    kind: ResourceKindName,
    name: string,
    parts: IdentityPart[],
): pulumi.Output<string | undefined> {
    return pulumi.unsecret(pulumi.all(parts.map(([, value]) => value))).apply(async (values) => {
        // Without an organization the provider's check refuses the resource with a better message.
        if (values.some((v) => v === undefined || v === "")) return undefined;
        const key = [kind, ...values.map((v) => String(v).toLowerCase())].join("\u0000");
        const described = parts.map(([label], i) => `${label} ${String(values[i])}`).join(", ");
        const claims = registry();
        claims.set(key, [...(claims.get(key) ?? []), { kind, name, described }]);
        // Let every resource declared in the same turn record its identity first.
        await new Promise((resolve) => setImmediate(resolve));
        const all = claims.get(key) ?? [];
        return all.length > 1 ? duplicateMessage(all) : undefined;
    });
}

/** Names every resource that claims the key, in the order the program declared them. */
function duplicateMessage(claims: Claim[]): string {
    const named = claims.map((c) => `${c.kind} "${c.name}" (${c.described})`);
    return (
        `${named.slice(0, -1).join(", ")} and ${named.at(-1)} manage the same key ` +
        `(UiPath compares these names ignoring case); each would rotate it and strand the other's dependents. ` +
        `Keep one of them and use its outputs where the other was used. Nothing was changed`
    );
}
