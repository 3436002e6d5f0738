/**
 * Policy configuration, checked twice. The CLI checks each policy's `configSchema` (JSON Schema)
 * before any policy runs and refuses a bad value in one line naming the field
 * (`validating policy config: <pack> <version>  <policy>: <field>: ...`; pulumi/pulumi
 * pkg/resource/analyzer/config.go at v3.274.1). It sends the schema without
 * `additionalProperties`, so a misspelt setting would pass silently: {@link readConfig} refuses
 * it with the policy's zod schema the first time the policy runs.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { z } from "zod";

/** JSON Schema of a period such as `90d`, `12h`, `1h30m` or `2w` (the provider's duration syntax). */
export function periodProperty(defaultValue: string): PolicyConfigSchema["properties"][string] {
    return { type: "string", pattern: "^([0-9]+[smhdw])+$", default: defaultValue };
}

/**
 * A bad setting found by {@link readConfig}. @pulumi/policy 1.21.0 shows a policy's error as its
 * own line (`Error validating resource with policy ...:`) followed by the error's stack
 * (protoutil.js, `asGrpcError`): the stack is the message alone, so the user reads one line
 * naming the policy and the field, not this module's frames.
 */
export class PolicyConfigError extends Error {
    override readonly name = "PolicyConfigError";
    constructor(message: string) {
        super(message);
        this.stack = message;
    }
}

/** The policy's settings, or a {@link PolicyConfigError} naming the first bad or unknown field. */
export function readConfig<Shape extends z.ZodRawShape>(
    policyName: string,
    schema: z.ZodObject<Shape>,
    config: object,
): z.infer<z.ZodObject<Shape>> {
    const parsed = schema.safeParse(config);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    if (issue?.code === "unrecognized_keys") {
        const known = Object.keys(schema.shape);
        const expected = known.length > 0 ? `settings are ${known.join(", ")}` : "it has no settings";
        throw new PolicyConfigError(`${policyName}: ${issue.keys.join(", ")}: unknown setting (${expected})`);
    }
    throw new PolicyConfigError(
        `${policyName}: ${issue?.path.join(".") || "configuration"}: ${issue?.message ?? "invalid"}`,
    );
}
