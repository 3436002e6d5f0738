/**
 * The inputs of `OrchestratorAsset` as the provider checks them: one zod
 * schema, with per-type value rules whose messages name the field and what is
 * expected, never the value. The program-side `OrchestratorAssetArgs` is
 * checked against it at compile time.
 */
import { createHmac, randomBytes } from "node:crypto";
import { z } from "zod";
import type { OrchestratorAssetArgs } from "../../resources/orchestratorAsset";
import type { ArgsMatch } from "../inputs/argsMatch";
import { connectionSchema } from "../inputs/connection";
import { holdsUnknown, logicalNameSchema } from "../inputs/validation";

export const VALUE_TYPES = ["Text", "Secret", "Credential", "Integer", "Bool"] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
const INT32 = 2 ** 31;
const article = (word: string): string => (/^[AEIOU]/.test(word) ? "an" : "a");

export const orchestratorAssetInputs = z
    .object({
        tenant: logicalNameSchema("tenant", "as shown in its URL"),
        folder: z
            .string()
            .regex(
                /^[^/]+(\/[^/]+)*$/,
                "expected the folder's fully qualified name, such as Shared or Shared/Finance (no leading or trailing '/')",
            ),
        name: z
            .string()
            .min(1, "expected the asset's name (1 to 256 characters)")
            .max(256, "expected at most 256 characters"),
        description: z.string().max(250, "expected at most 250 characters").optional(),
        valueType: z.enum(VALUE_TYPES, { error: `expected one of ${VALUE_TYPES.join(", ")}` }),
        value: z.union([z.string(), z.number(), z.boolean()]).optional(),
        username: z.string().optional(),
        password: z.string().optional(),
        adoptExisting: z.boolean().optional(),
        connection: connectionSchema.optional(),
    })
    .strict()
    .superRefine((inputs, ctx) => {
        const problem = (path: string, message: string): void =>
            void ctx.addIssue({ code: "custom", path: [path], message });
        const type = inputs.valueType;
        if (holdsUnknown(type)) return;
        if (type === "Credential") {
            if (inputs.value !== undefined)
                problem("value", "a Credential asset takes username and password instead of value");
            if (!inputs.username) problem("username", "required for a Credential asset (1 to 512 characters)");
            else if (!holdsUnknown(inputs.username) && inputs.username.length > 512)
                problem("username", "expected at most 512 characters");
            if (!inputs.password) problem("password", "required for a Credential asset (1 to 25000 characters)");
            else if (!holdsUnknown(inputs.password) && inputs.password.length > 25_000)
                problem("password", "expected at most 25000 characters");
            return;
        }
        for (const field of ["username", "password"] as const) {
            if (inputs[field] !== undefined)
                problem(field, `only for Credential assets; ${article(type)} ${type} asset takes value`);
        }
        const v = inputs.value;
        if (v === undefined) return problem("value", `required for ${article(type)} ${type} asset`);
        if (holdsUnknown(v)) return;
        const expected: Record<Exclude<ValueType, "Credential">, [boolean, string]> = {
            Text: [
                typeof v === "string" && v.length >= 1 && v.length <= 1_000_000,
                "a string of 1 to 1000000 characters",
            ],
            Secret: [typeof v === "string" && v.length >= 1 && v.length <= 25_000, "a string of 1 to 25000 characters"],
            Integer: [
                typeof v === "number" && Number.isInteger(v) && v >= -INT32 && v < INT32,
                "a whole number from -2147483648 to 2147483647",
            ],
            Bool: [typeof v === "boolean", "true or false"],
        };
        const [ok, what] = expected[type];
        if (!ok) problem("value", `expected ${what} for ${article(type)} ${type} asset`);
    });

export type OrchestratorAssetInputs = z.infer<typeof orchestratorAssetInputs>;

const argsMatchSchema: ArgsMatch<OrchestratorAssetArgs, OrchestratorAssetInputs> = true;
void argsMatchSchema;

/**
 * What `valueFingerprint` holds for Secret and Credential assets while their value is
 * the one this provider wrote: no digest of a secret is ever published (a fast hash of a
 * low-entropy password in plaintext state is an offline guessing oracle). Their desired
 * and applied values are compared through the value and password echoed as secret outputs.
 */
export const SECRET_WRITTEN_BY_PULUMI = "secret: as last written by Pulumi";

/** A new random key for {@link keyedFingerprint}, one per resource (stored in state as `fingerprintSalt`). */
export const newFingerprintSalt = (): string => randomBytes(16).toString("hex");

/**
 * 16 hex digits of HMAC-SHA256 keyed by the resource's own salt: equal values in other
 * resources or stacks get other fingerprints, and no precomputed table applies. Whoever
 * holds the state can still test guesses of a low-entropy value one at a time.
 */
export const keyedFingerprint = (salt: string, text: string): string =>
    createHmac("sha256", salt).update(text).digest("hex").slice(0, 16);

/** The fingerprint of the value the inputs ask for: keyed for the readable types, a fixed marker for secret ones. */
export function desiredFingerprint(inputs: Pick<OrchestratorAssetInputs, "valueType" | "value">, salt: string): string {
    return inputs.valueType === "Secret" || inputs.valueType === "Credential"
        ? SECRET_WRITTEN_BY_PULUMI
        : keyedFingerprint(salt, String(inputs.value));
}
