/**
 * `uipath-verify-on`: in stacks whose name matches `stackPattern`, every key and client secret is
 * tried after each fetch or rotation (`verify: true`). Matches the input by its name, so a kind
 * that gains a `verify` input later is covered as it is.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { readConfig } from "./config";
import { kindOf, rotatingKinds, stackOf } from "./resourceKinds";

const name = "uipath-verify-on";
const settings = z
    .object({
        stackPattern: z.string().refine((pattern) => {
            try {
                new RegExp(pattern);
                return true;
            } catch {
                return false;
            }
        }, "expected a regular expression"),
    })
    .strict();

/** See the module comment. Setting: `stackPattern`, a regular expression (default `.*`: every stack). */
export const verifyOn: ResourceValidationPolicy = {
    name,
    description:
        "Keys and client secrets are verified after each fetch or rotation in the stacks matching stackPattern.",
    remediationSteps: "Set verify: true on the resource.",
    configSchema: { properties: { stackPattern: { type: "string", format: "regex", default: ".*" } } },
    validateResource: (args, reportViolation) => {
        const kind = kindOf(args.type);
        if (!kind || !rotatingKinds.includes(kind)) return;
        const { stackPattern } = readConfig(name, settings, args.getConfig());
        const stack = stackOf(args.urn);
        if (!new RegExp(stackPattern).test(stack)) return;
        if (args.props.verify !== true) {
            reportViolation(
                `${kind} '${args.name}' has verify off in stack '${stack}' (matches /${stackPattern}/): set verify: true.`,
            );
        }
    },
};
