/**
 * The plugin's package and its type tokens: `uipath-keys:index:<Kind>` for
 * every kind of `shared/kinds.ts`. The package name is also the namespace of
 * the plugin's config (`uipath-keys:clientId`, …).
 */
import { resourceKindNames, type ResourceKindName } from "../shared/kinds";

export const packageName = "uipath-keys";

export const tokenOf = (kind: ResourceKindName): string => `${packageName}:index:${kind}`;

const kindsByToken = new Map<string, ResourceKindName>(resourceKindNames.map((kind) => [tokenOf(kind), kind]));

/** The kind of a resource from its URN (`urn:pulumi:<stack>::<project>::<type>::<name>`; the type may carry parents' types before `$`). */
export function urnParts(urn: string): { stack: string; project: string; kind: ResourceKindName; name: string } {
    const [, stack = "", project = "", qualifiedType = "", ...rest] = urn.replace(/^urn:pulumi:/, "::").split("::");
    const type = qualifiedType.split("$").pop() ?? "";
    const kind = kindsByToken.get(type);
    if (!kind)
        throw new Error(`${packageName} has no resource type ${type} (known: ${[...kindsByToken.keys()].join(", ")})`);
    return { stack, project, kind, name: rest.join("::") };
}
