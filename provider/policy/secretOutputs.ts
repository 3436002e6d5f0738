/**
 * `uipath-no-plain-secret-outputs`: no stack output holds a key or a client secret of this
 * package in plain text (`pulumi.unsecret`, or a value copied out of an `Output`). Exporting one
 * as a secret is fine: consumer stacks read it through a `StackReference`. A stack policy: the
 * stack's outputs are the outputs of its `pulumi:pulumi:Stack` resource. An output is recognised
 * by its value (it contains a credential some resource of the stack holds), so a credential that
 * is still unknown (a preview before the first `up`) is checked by the next preview or `up`.
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { z } from "zod";
import { readConfig } from "./config";
import { credentialOutputs, kindOf } from "./resourceKinds";
import { rawProperties } from "./secretness";

const name = "uipath-no-plain-secret-outputs";
const settings = z.object({}).strict();

/** Credentials shorter than this are not looked for (a value that short matches by chance). */
const shortest = 8;

/** Credential value → the resource that holds it. */
function credentialsHeld(resources: readonly PolicyResource[]): Map<string, PolicyResource> {
    const held = new Map<string, PolicyResource>();
    for (const resource of resources) {
        const kind = kindOf(resource.type);
        const output = kind && credentialOutputs[kind];
        if (!output) continue;
        const raw = rawProperties(resource.props) as Record<string, unknown> | undefined;
        const value = unwrap(raw ? raw[output] : resource.props[output]);
        if (typeof value === "string" && value !== unknownValue && value.length >= shortest) held.set(value, resource);
    }
    return held;
}

function unwrap(value: unknown): unknown {
    return isSecret(value) ? (value as { value?: unknown }).value : value;
}

function isSecret(value: unknown): boolean {
    return (
        typeof value === "object" &&
        value !== null &&
        (value as Record<string, unknown>)[specialSigKey] === specialSecretSig
    );
}

/** The strings of an output that are not inside a secret (all of them when secretness is unknown). */
function plainStrings(value: unknown, secretnessKnown: boolean): string[] {
    if (typeof value === "string") return [value];
    if (secretnessKnown && isSecret(value)) return [];
    if (typeof value !== "object" || value === null) return [];
    const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
    return children.flatMap((child) => plainStrings(child, secretnessKnown));
}

/** See the module comment. No settings besides the enforcement level. */
export const secretOutputs: StackValidationPolicy = {
    name,
    description: "No stack output holds a UiPath key or client secret in plain text.",
    remediationSteps: "Export the Output as it is (it is a secret), or wrap the value in pulumi.secret().",
    configSchema: { properties: {} },
    validateStack: (args, reportViolation) => {
        readConfig(name, settings, args.getConfig());
        const held = credentialsHeld(args.resources);
        if (held.size === 0) return;
        for (const stack of args.resources.filter((r) => r.type === "pulumi:pulumi:Stack")) {
            const raw = rawProperties(stack.props) as Record<string, unknown> | undefined;
            const outputs = raw ?? (stack.props as Record<string, unknown>);
            for (const [output, value] of Object.entries(outputs)) {
                const strings = plainStrings(value, raw !== undefined);
                for (const [credential, holder] of held) {
                    if (!strings.some((s) => s.includes(credential))) continue;
                    const where = `stack output '${output}' holds the credential of ${kindOf(holder.type)} '${holder.name}'`;
                    reportViolation(
                        raw
                            ? `${where} in plain text: export it as a secret.`
                            : `${where}, and this @pulumi/policy version hides whether it is a secret: export it as a secret, or run the pack with @pulumi/policy 1.21.`,
                        stack.urn,
                    );
                }
            }
        }
    },
};
