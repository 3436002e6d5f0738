/**
 * `uipath-scope-allow-list`: an external application's application and user scopes are all in
 * `allowedScopes`. An entry ending in `*` allows every scope it prefixes (`OR.Jobs*`).
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { readConfig } from "./config";
import { kindOf } from "./resourceKinds";

const name = "uipath-scope-allow-list";
const settings = z.object({ allowedScopes: z.array(z.string().min(1)).optional() }).strict();

function allowed(scope: string, allowList: readonly string[]): boolean {
    return allowList.some((entry) => (entry.endsWith("*") ? scope.startsWith(entry.slice(0, -1)) : scope === entry));
}

/** See the module comment. Setting: `allowedScopes` (without it the policy does not apply). */
export const scopeAllowList: ResourceValidationPolicy = {
    name,
    description: "External applications hold only the scopes in allowedScopes.",
    remediationSteps: "Remove the scopes outside allowedScopes, or add them to the policy's allowedScopes.",
    configSchema: {
        properties: { allowedScopes: { type: "array", items: { type: "string", minLength: 1 } } },
    },
    validateResource: (args, reportViolation) => {
        if (kindOf(args.type) !== "ExternalApplication") return;
        const { allowedScopes } = readConfig(name, settings, args.getConfig());
        if (!allowedScopes) return args.notApplicable("no allowedScopes configured");
        for (const input of ["applicationScopes", "userScopes"] as const) {
            const scopes = args.props[input] as unknown;
            if (!Array.isArray(scopes)) continue;
            const outside = scopes.filter((s): s is string => typeof s === "string" && !allowed(s, allowedScopes));
            if (outside.length > 0) {
                reportViolation(
                    `ExternalApplication '${args.name}' has ${input} outside the allow-list: ${outside.join(", ")}.`,
                );
            }
        }
    },
};
