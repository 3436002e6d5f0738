/**
 * `uipath-credential-assets`: an `OrchestratorAsset` whose value comes from a key or a client
 * secret of this package is a `Secret` or `Credential` asset, never `Text` (Orchestrator shows a
 * Text asset's value to everyone who can view the folder). A stack policy, because only the
 * stack's view has property dependencies: they tell which resource fed `value` (and `password`),
 * known even in a preview where the value itself is not.
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { readConfig } from "./config";
import { credentialOutputs, kindOf } from "./resourceKinds";

const name = "uipath-credential-assets";
const settings = z.object({}).strict();
const safeTypes = ["Secret", "Credential"];

function holdsCredential(resource: PolicyResource): boolean {
    const kind = kindOf(resource.type);
    return kind !== undefined && credentialOutputs[kind] !== undefined;
}

/** See the module comment. No settings besides the enforcement level. */
export const credentialAssets: StackValidationPolicy = {
    name,
    description: "Orchestrator assets fed by a key or a client secret are Secret or Credential assets, never Text.",
    remediationSteps: 'Set valueType: "Secret" (or "Credential" with username and password).',
    configSchema: { properties: {} },
    validateStack: (args, reportViolation) => {
        readConfig(name, settings, args.getConfig());
        for (const asset of args.resources) {
            if (kindOf(asset.type) !== "OrchestratorAsset") continue;
            const valueType: unknown = asset.props.valueType;
            if (typeof valueType !== "string" || safeTypes.includes(valueType)) continue;
            const feeders = (asset.propertyDependencies.value ?? []).filter(holdsCredential);
            if (feeders.length === 0) continue;
            const from = feeders.map((r) => `${kindOf(r.type)} '${r.name}'`).join(", ");
            reportViolation(
                `OrchestratorAsset '${asset.name}' is a ${valueType} asset holding the credential of ${from}: make it a Secret asset.`,
                asset.urn,
            );
        }
    },
};
