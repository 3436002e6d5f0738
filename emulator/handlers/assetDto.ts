/**
 * AssetDto both ways: the body a client POSTs or PUTs, and what a read returns.
 * Sources: swagger v20 AssetDto (UiPath/uipathcli@d16b8f937d5c2cda92aa639329e40140fdfc56be:definitions/orchestrator.yaml#L24963-L25100:
 * PascalCase fields, Name 1..256, Description ≤ 250, StringValue ≤ 1e6, CredentialUsername ≤ 512,
 * CredentialPassword/SecretValue ≤ 25000, ValueScope Global|PerRobot, Secret new in v20);
 * what reads withhold follows the documented per-robot read ("Assets requests": a withheld password
 * is ""); the masking on GET /odata/Assets({key}) has no public source.
 *
 * Modeled where no public source exists:
 *  - the value goes in the typed field of its ValueType (`Value` is ignored on input);
 *  - on PUT an empty or missing CredentialPassword / SecretValue keeps the stored one when the
 *    type is unchanged, so a client that PUTs back the DTO it read (as UiPath's PowerShell
 *    Edit-UiPathAsset does) does not wipe it;
 *  - a PUT writes the body's ValueScope (Global: the API refuses PerRobot bodies), so a client
 *    that PUTs a Global DTO onto a PerRobot asset (one seeded through the admin route) turns it
 *    Global and its per-robot values would be lost — what a careful client must not do;
 *  - reads never return CredentialPassword or SecretValue (rendered "", as in the documented
 *    per-robot credential example); `Value` is the text for Text, the decimal for Integer,
 *    "True"/"False" for Bool, the username for Credential and "" for Secret.
 */
import { z } from "zod";
import { orchestratorErrors } from "../orchestratorErrors";
import { ASSET_VALUE_TYPES, type AssetState, type AssetValueType } from "../store/orchestrator";

const INT32 = 2 ** 31;

const AssetBodySchema = z.looseObject({
    Id: z.number().int().optional(),
    Name: z.string().trim().min(1).max(256),
    Description: z.string().max(250).nullish(),
    ValueScope: z.enum(["Global", "PerRobot"]),
    ValueType: z.string().min(1),
    StringValue: z.string().max(1_000_000).nullish(),
    BoolValue: z.boolean().nullish(),
    IntValue: z
        .number()
        .int()
        .min(-INT32)
        .max(INT32 - 1)
        .nullish(),
    CredentialUsername: z.string().max(512).nullish(),
    CredentialPassword: z.string().max(25_000).nullish(),
    SecretValue: z.string().max(25_000).nullish(),
});

/** The value fields of an asset, all present, unused ones at their defaults. */
export type AssetValue = Pick<
    AssetState,
    "valueType" | "stringValue" | "boolValue" | "intValue" | "credentialUsername" | "credentialPassword" | "secretValue"
>;

export interface AssetWrite {
    id: number | undefined;
    name: string;
    description: string | null;
    value: AssetValue;
}

/**
 * Validates a POST/PUT body into the fields to store. `existing` (PUT) lets an omitted password
 * or secret keep its stored value. Errors are 400 / 1000 and name the field, never its value.
 */
export function parseAssetBody(body: unknown, existing?: AssetState): AssetWrite {
    const parsed = AssetBodySchema.safeParse(body);
    if (!parsed.success) {
        const problems = parsed.error.issues.map(
            (i) => `${i.path.length > 0 ? i.path.join(".") : "body"}: ${i.message}`,
        );
        throw orchestratorErrors.invalidRequest(`Invalid asset. ${problems.join("; ")}.`);
    }
    const b = parsed.data;
    if (b.ValueScope !== "Global")
        throw orchestratorErrors.invalidRequest(
            "The emulator serves Global assets only (ValueScope PerRobot is not modeled).",
        );
    if (!(ASSET_VALUE_TYPES as readonly string[]).includes(b.ValueType)) {
        throw orchestratorErrors.invalidRequest(
            `The emulator serves the value types ${ASSET_VALUE_TYPES.join(", ")}; not ${b.ValueType}.`,
        );
    }
    const valueType = b.ValueType as AssetValueType;
    const kept = existing?.valueType === valueType ? existing : undefined;
    const value: AssetValue = {
        valueType,
        stringValue: "",
        boolValue: false,
        intValue: 0,
        credentialUsername: "",
        credentialPassword: "",
        secretValue: "",
    };
    const required = (field: string): never => {
        throw orchestratorErrors.invalidRequest(`${field} is required for a ${valueType} asset.`);
    };
    switch (valueType) {
        case "Text":
            value.stringValue = b.StringValue || required("StringValue");
            break;
        case "Bool":
            value.boolValue = b.BoolValue ?? required("BoolValue");
            break;
        case "Integer":
            value.intValue = b.IntValue ?? required("IntValue");
            break;
        case "Credential":
            value.credentialUsername = b.CredentialUsername || required("CredentialUsername");
            value.credentialPassword =
                b.CredentialPassword || kept?.credentialPassword || required("CredentialPassword");
            break;
        case "Secret":
            value.secretValue = b.SecretValue || kept?.secretValue || required("SecretValue");
            break;
    }
    return { id: b.Id, name: b.Name, description: b.Description ?? null, value };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function textValue(a: AssetState): string {
    switch (a.valueType) {
        case "Text":
            return a.stringValue;
        case "Bool":
            return a.boolValue ? "True" : "False";
        case "Integer":
            return String(a.intValue);
        case "Credential":
            return a.credentialUsername;
        case "Secret":
            return "";
    }
}

/** AssetDto as admin reads return it: every field present, password and secret withheld. */
export function assetDto(a: AssetState): Record<string, unknown> {
    return {
        Key: a.key,
        Name: a.name,
        CanBeDeleted: true,
        ValueScope: a.valueScope,
        ValueType: a.valueType,
        Value: textValue(a),
        StringValue: a.stringValue,
        BoolValue: a.boolValue,
        IntValue: a.intValue,
        CredentialUsername: a.credentialUsername,
        CredentialPassword: "",
        SecretValue: "",
        ExternalName: null,
        CredentialStoreId: null,
        KeyValueList: [],
        HasDefaultValue: false,
        Description: a.description,
        RobotValues: [],
        UserValues: [],
        Tags: [],
        FoldersCount: 1,
        LastModificationTime: iso(a.lastModificationTime),
        LastModifierUserId: a.lastModifierUserId,
        CreationTime: iso(a.creationTime),
        CreatorUserId: a.creatorUserId,
        Id: a.id,
    };
}

/** What `$select` may name on assets. */
export const ASSET_FIELDS = Object.keys(
    assetDto({
        id: 1,
        key: "",
        folderId: 1,
        name: "x",
        description: null,
        valueScope: "Global",
        valueType: "Text",
        stringValue: "",
        boolValue: false,
        intValue: 0,
        credentialUsername: "",
        credentialPassword: "",
        secretValue: "",
        creationTime: 0,
        creatorUserId: 0,
        lastModificationTime: null,
        lastModifierUserId: null,
    }),
);
