/**
 * Generates the provider plugin's package schema (`schema.json`) from what the
 * dynamic path already declares, so there is one source of truth:
 *
 * - input properties, their types and which are required: each kind's zod
 *   schema (`provider/runtime/kinds/inputSchemas.ts`) through `z.toJSONSchema`;
 * - output properties: the `declare readonly` fields of each resource class
 *   (`provider/resources/`), typed by the TypeScript checker;
 * - every description: the doc comments of those classes, their `Args`
 *   interfaces, `ConnectionArgs` and `RotationWindowArgs`;
 * - secrets: `provider/shared/secretOutputs.ts` and the credential settings
 *   (`provider/shared/credentialConfig.ts`).
 *
 * Format: Pulumi's package schema (https://www.pulumi.com/docs/iac/extending-pulumi/schema/).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { z } from "zod";
import { resourceKindNames, type ResourceKindName } from "../../provider/shared/kinds";
import { secretPropertiesOf } from "../../provider/shared/secretOutputs";
import { credentialSettingNames } from "../../provider/shared/credentialConfig";
import { connectionSchema } from "../../provider/runtime/inputs/connection";
import { computedInputs, kindInputSchemas } from "../../provider/runtime/kinds/inputSchemas";
import { packageName, tokenOf } from "../../provider/plugin/tokens";

const repoRoot = path.join(__dirname, "..", "..");

type JsonSchema = {
    type?: string;
    properties?: Record<string, JsonSchema>;
    required?: string[];
    items?: JsonSchema;
    anyOf?: JsonSchema[];
    enum?: unknown[];
};
type PropertySpec = {
    type?: string;
    items?: PropertySpec;
    oneOf?: PropertySpec[];
    $ref?: string;
    description?: string;
    secret?: boolean;
};

/** Object inputs become named types: the interface whose doc comments describe their fields. */
const objectTypes: Record<string, { token: string; docs: string }> = {
    connection: { token: `${packageName}:index:Connection`, docs: "ConnectionArgs" },
    rotationWindow: { token: `${packageName}:index:RotationWindow`, docs: "RotationWindowArgs" },
};

/** The doc comments of the program side, read by the TypeScript checker. */
class Docs {
    private readonly checker: ts.TypeChecker;
    private readonly exports: Map<string, ts.Symbol>;

    constructor() {
        const entry = path.join(repoRoot, "provider", "index.ts");
        const program = ts.createProgram([entry], { strict: true, skipLibCheck: true, noEmit: true });
        this.checker = program.getTypeChecker();
        const module = this.checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
        this.exports = new Map(this.checker.getExportsOfModule(module).map((s) => [s.name, this.resolved(s)]));
    }

    private resolved(symbol: ts.Symbol): ts.Symbol {
        return symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
    }

    private text(symbol: ts.Symbol): string | undefined {
        const doc = ts
            .displayPartsToString(symbol.getDocumentationComment(this.checker))
            .replace(
                /\{@link\s+([^}\s]+)\s*([^}]*)\}/g,
                (_, target: string, label: string) => `\`${label.trim() || target}\``,
            )
            .trim();
        return doc === "" ? undefined : doc;
    }

    private symbol(name: string): ts.Symbol {
        const symbol = this.exports.get(name);
        if (!symbol) throw new Error(`provider/index.ts exports no ${name}`);
        return symbol;
    }

    /** Whether a declaration is this package's (not `urn`, `id` and the rest of Pulumi's). */
    private ours(symbol: ts.Symbol): boolean {
        return (symbol.declarations ?? []).some((d) =>
            path.resolve(d.getSourceFile().fileName).startsWith(path.join(repoRoot, "provider", "resources")),
        );
    }

    /** The class's own doc comment. */
    resource(kind: ResourceKindName): string | undefined {
        return this.text(this.symbol(kind));
    }

    /** Doc comments of the constructor's `args` (kind) or of a named interface, by property. */
    argsOf(kindOrInterface: string): Map<string, string | undefined> {
        const symbol = this.symbol(kindOrInterface);
        let type: ts.Type;
        if (symbol.flags & ts.SymbolFlags.Class) {
            const ctor = this.checker.getTypeOfSymbol(symbol).getConstructSignatures()[0]!;
            type = this.checker.getTypeOfSymbol(ctor.getParameters()[1]!);
        } else type = this.checker.getDeclaredTypeOfSymbol(symbol);
        return new Map(type.getApparentProperties().map((p) => [p.name, this.text(p)]));
    }

    /** The class's declared outputs: doc comment and the type inside `pulumi.Output<…>`. */
    outputsOf(kind: ResourceKindName): Map<string, PropertySpec> {
        const type = this.checker.getDeclaredTypeOfSymbol(this.symbol(kind));
        const outputs = new Map<string, PropertySpec>();
        for (const property of type.getProperties()) {
            if (!this.ours(property)) continue;
            const output = this.checker.getTypeOfSymbol(property);
            const inner =
                (output as ts.TypeReference).aliasTypeArguments?.[0] ??
                this.checker.getTypeArguments(output as ts.TypeReference)[0];
            outputs.set(property.name, { ...this.spec(inner), description: this.text(property) });
        }
        return outputs;
    }

    private spec(type: ts.Type | undefined): PropertySpec {
        if (!type) return { $ref: "pulumi.json#/Any" };
        const parts = type.isUnion() ? type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined)) : [type];
        if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLike)) return { type: "boolean" };
        if (parts.length !== 1) return { $ref: "pulumi.json#/Any" };
        const only = parts[0]!;
        if (only.flags & ts.TypeFlags.StringLike) return { type: "string" };
        if (only.flags & ts.TypeFlags.NumberLike) return { type: "number" };
        if (this.checker.isArrayType(only)) {
            const element = this.checker.getTypeArguments(only as ts.TypeReference)[0];
            const items = this.spec(element);
            return { type: "array", items: items.type ? items : { $ref: "pulumi.json#/Any" } };
        }
        return { $ref: "pulumi.json#/Any" };
    }
}

function propertyOf(name: string, json: JsonSchema): PropertySpec {
    if (json.anyOf) return { oneOf: json.anyOf.map((j) => propertyOf(name, j)) };
    switch (json.type) {
        case "string":
        case "number":
        case "integer":
        case "boolean":
            return { type: json.type };
        case "array":
            return { type: "array", items: propertyOf(name, json.items ?? {}) };
        case "object": {
            const named = objectTypes[name];
            if (!named) throw new Error(`input ${name} is an object with no named type: add it to objectTypes`);
            return { $ref: `#/types/${named.token}` };
        }
        default:
            return { $ref: "pulumi.json#/Any" };
    }
}

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
    return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

/** The input properties of a zod object (minus computed ones), described by `docs`, secret where `secrets` says. */
function propertiesOf(
    json: JsonSchema,
    docs: Map<string, string | undefined>,
    secrets: readonly string[],
): { properties: Record<string, PropertySpec>; required: string[] } {
    const properties: Record<string, PropertySpec> = {};
    for (const [name, spec] of Object.entries(json.properties ?? {})) {
        if ((computedInputs as readonly string[]).includes(name)) continue;
        properties[name] = {
            ...propertyOf(name, spec),
            description: docs.get(name),
            ...(secrets.includes(name) ? { secret: true } : {}),
        };
    }
    const required = (json.required ?? []).filter((n) => !(computedInputs as readonly string[]).includes(n));
    return { properties, required };
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
    return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The package schema, as `schema.json` holds it. */
export function generateSchema(version: string): Record<string, unknown> {
    const docs = new Docs();
    const connection = propertiesOf(
        jsonSchemaOf(connectionSchema),
        docs.argsOf("ConnectionArgs"),
        credentialSettingNames,
    );
    const types: Record<string, unknown> = {};
    for (const [name, { token, docs: docsFrom }] of Object.entries(objectTypes)) {
        const json =
            name === "connection"
                ? jsonSchemaOf(connectionSchema)
                : (jsonSchemaOf(kindInputSchemas.OrchestratorApiAccess).properties?.[name] ?? {});
        const { properties, required } = propertiesOf(
            json,
            docs.argsOf(docsFrom),
            name === "connection" ? credentialSettingNames : [],
        );
        types[token] = {
            type: "object",
            description: `See ${docsFrom}.`,
            properties: sortedKeys(properties),
            required,
        };
    }
    const resources: Record<string, unknown> = {};
    for (const kind of resourceKindNames) {
        const secrets = secretPropertiesOf(kind);
        const inputs = propertiesOf(jsonSchemaOf(kindInputSchemas[kind]), docs.argsOf(kind), secrets);
        const outputs: Record<string, PropertySpec> = { ...inputs.properties };
        for (const [name, spec] of docs.outputsOf(kind)) {
            // An input echoed as an output keeps the input's description where the field has none.
            const input = inputs.properties[name];
            outputs[name] = {
                ...(input && spec.$ref ? { ...input, description: undefined } : spec),
                description: spec.description ?? input?.description,
                ...(secrets.includes(name) ? { secret: true } : {}),
            };
        }
        resources[tokenOf(kind)] = {
            description: docs.resource(kind),
            inputProperties: sortedKeys(inputs.properties),
            requiredInputs: inputs.required,
            properties: sortedKeys(outputs),
        };
    }
    return JSON.parse(
        JSON.stringify({
            name: packageName,
            displayName: "UiPath keys",
            version,
            description:
                "UiPath Automation Cloud credentials (API access, product keys, external applications, assets) managed declaratively",
            license: "Apache-2.0",
            config: { variables: sortedKeys(connection.properties) },
            provider: {
                description: "The uipath-keys provider: its settings are the `uipath-keys:` stack config.",
                inputProperties: sortedKeys(connection.properties),
            },
            types,
            resources,
            // Not published anywhere: a module path with no host says so, and a
            // program's go.mod points it at the generated folder with `replace`.
            language: { go: { importBasePath: "pulumi-uipath-keys/sdk/go/uipathkeys" } },
        }),
    ) as Record<string, unknown>;
}

export function packageJsonVersion(): string {
    return (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
}

/** The schema as the file holds it (stable order, final newline). */
export function schemaText(): string {
    return `${JSON.stringify(generateSchema(packageJsonVersion()), null, 2)}\n`;
}
