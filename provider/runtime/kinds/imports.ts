/**
 * `pulumi import` of each kind: the resource found from its import id alone,
 * with the inputs that describe it as it is, so that a program declaring the
 * same inputs then previews no changes. Served by the provider plugin (a
 * dynamic resource cannot be imported: pulumi/pulumi#16175). The import ids
 * (README, "Importing existing resources"):
 *
 * | kind | import id |
 * |---|---|
 * | OrchestratorApiAccess | `organization/tenant` or `organization/tenant/service` |
 * | DocumentUnderstandingApiKey, ComputerVisionApiKey | `organization` |
 * | ExternalApplication | `organization/clientId` |
 * | FederatedCredential | `organization/clientId/credentialId` |
 * | OrchestratorAsset | `organization/tenant/folderId/assetId` |
 * | ExternalApplicationSecret | none: refused (UiPath never returns a secret's value) |
 *
 * Reads only: an import changes nothing in UiPath. A key is adopted as its
 * `create` adopts it (the key the service holds now, never regenerated).
 * Every import uses the provider's own connection; the id's organization
 * must be the provider's.
 */
import type { ResourceKindName } from "../../shared/kinds";
import type { PropertyBag } from "../../shared/loader";
import type { ProviderContext } from "../context";
import { getClient, identityFor } from "../identity/identityApi";
import { getFederatedCredential } from "../identity/federatedCredentialsApi";
import { withoutUndefined } from "../lifecycle/kindHelpers";
import { InvalidInputError, NotFoundError } from "../reporting/errors";
import { observedInputs, tokenUrlOf } from "./externalApplication";
import { stateFor } from "./orchestratorAsset";
import { OrchestratorAssetsApi } from "./orchestratorAssetApi";
import { newFingerprintSalt, VALUE_TYPES, type OrchestratorAssetInputs } from "./orchestratorAssetInputs";
import type { KindProvider } from "../../shared/loader";

/** What an import hands the engine: the resource's id, its state, and the inputs that describe it. */
export interface Imported {
    id: string;
    props: PropertyBag;
    inputs: PropertyBag;
}

type Importer = (context: ProviderContext, parts: string[], kind: () => KindProvider) => Promise<Imported>;

/** An importer with the shape of its id (the parts after the organization). */
interface ImportIdShape {
    parts: readonly string[];
    /** Optional trailing parts. */
    optional?: readonly string[];
    run: Importer;
}

/** A key's import: what `create` does with these inputs (it adopts the key the service holds now). */
const adoptKey =
    (inputsOf: (parts: string[]) => PropertyBag): Importer =>
    async (_context, parts, kind) => {
        const inputs = withoutUndefined(inputsOf(parts));
        const created = await kind().create(inputs);
        return { id: created.id, props: created.outs ?? {}, inputs };
    };

const importers: Record<ResourceKindName, ImportIdShape | { refused: string }> = {
    OrchestratorApiAccess: {
        parts: ["tenant"],
        optional: ["service"],
        run: adoptKey(([tenant, service]) => ({ tenant, service })),
    },
    DocumentUnderstandingApiKey: { parts: [], run: adoptKey(() => ({})) },
    ComputerVisionApiKey: { parts: [], run: adoptKey(() => ({})) },
    ExternalApplication: {
        parts: ["clientId"],
        async run(context, [clientId = ""]) {
            const id = await identityFor(context, undefined);
            const app = await getClient(id, clientId);
            if (!app) throw new NotFoundError(`no external application with client id ${clientId}`);
            const seen = observedInputs(app);
            // The secret UiPath made with the app cannot be read back: the imported resource holds none.
            const inputs = withoutUndefined({
                ...seen,
                name: seen.name ?? "",
                applicationScopes: seen.applicationScopes?.length ? seen.applicationScopes : undefined,
                userScopes: seen.userScopes?.length ? seen.userScopes : undefined,
                firstSecret: false,
            });
            const organization = id.client.connection.organization;
            return { id: clientId, inputs, props: { ...inputs, clientId, organization, tokenUrl: tokenUrlOf(id) } };
        },
    },
    FederatedCredential: {
        parts: ["clientId", "credentialId"],
        async run(context, [clientId = "", credentialId = ""]) {
            const id = await identityFor(context, undefined);
            const found = await getFederatedCredential(id, clientId, credentialId);
            if (!found)
                throw new NotFoundError(
                    `no federated credential ${credentialId} on the external application ${clientId}`,
                );
            const inputs = withoutUndefined({
                clientId,
                name: found.name,
                description: found.description ?? undefined,
                issuer: found.issuer,
                audience: found.audience,
                subject: found.subject,
            });
            const organization = id.client.connection.organization;
            return { id: credentialId, inputs, props: { ...inputs, credentialId, organization } };
        },
    },
    OrchestratorAsset: {
        parts: ["tenant", "folderId", "assetId"],
        async run(context, [tenant = "", folderText = "", assetText = ""]) {
            const [folderId, assetId] = [Number(folderText), Number(assetText)];
            if (!Number.isSafeInteger(folderId) || !Number.isSafeInteger(assetId))
                throw new InvalidInputError(
                    `expected numeric folder and asset ids, got '${folderText}' and '${assetText}'`,
                );
            const client = context.client(undefined);
            const assets = new OrchestratorAssetsApi(client, tenant);
            const folder = await assets.folderPath(folderId);
            if (folder === undefined) throw new NotFoundError(`no folder with id ${folderId} in tenant '${tenant}'`);
            const asset = await assets.get({ id: folderId, path: folder }, assetId);
            if (!asset)
                throw new NotFoundError(`no asset with id ${assetId} in folder '${folder}' of tenant '${tenant}'`);
            if (asset.ValueScope !== "Global")
                throw new InvalidInputError(
                    `asset '${asset.Name}' has ValueScope ${asset.ValueScope ?? "(not reported)"}: this provider manages Global assets only`,
                );
            const valueType = VALUE_TYPES.find((t) => t === asset.ValueType);
            if (!valueType)
                throw new InvalidInputError(
                    `asset '${asset.Name}' is of type ${asset.ValueType}: this provider manages ${VALUE_TYPES.join(", ")} assets`,
                );
            // What Orchestrator returns of the value: a Secret's value and a Credential's password never.
            const value = { Text: asset.StringValue, Integer: asset.IntValue, Bool: asset.BoolValue }[
                valueType as "Text" | "Integer" | "Bool"
            ];
            const inputs: OrchestratorAssetInputs = withoutUndefined({
                tenant,
                folder,
                name: asset.Name,
                description: asset.Description ?? undefined,
                valueType,
                value: value ?? undefined,
                username: valueType === "Credential" ? (asset.CredentialUsername ?? undefined) : undefined,
            });
            const organization = client.connection.organization;
            const state = stateFor(inputs, organization, folderId, asset, newFingerprintSalt());
            // Secret, Credential: the value held was not written by Pulumi; the next up writes the declared one.
            if (valueType === "Secret" || valueType === "Credential")
                state.valueFingerprint = "unknown: imported; the value held is not readable";
            return { id: `${organization}/${tenant}/assets/${assetId}`, inputs, props: state };
        },
    },
    ExternalApplicationSecret: {
        refused:
            "an ExternalApplicationSecret cannot be imported: UiPath never returns a secret's value, so the imported resource would have no secret to hand to anything. Declare it without importing: the next up generates a new secret (and the old one can be deleted in the portal once nothing uses it)",
    },
};

/** The id's shape in words, for a refusal. */
function shapeOf(shape: ImportIdShape): string {
    const parts = ["organization", ...shape.parts].join("/");
    return shape.optional?.length ? `${parts}[/${shape.optional.join("/")}]` : parts;
}

/** Imports one resource of `kind` from its import id; `kind()` is the kind's provider (for the keys' adoption). */
export async function importResource(
    context: ProviderContext,
    kindName: ResourceKindName,
    importId: string,
    kind: () => KindProvider,
): Promise<Imported> {
    const importer = importers[kindName];
    if ("refused" in importer) throw new InvalidInputError(`import of ${importId}: ${importer.refused}`);
    const [organization = "", ...parts] = importId.split("/");
    const most = importer.parts.length + (importer.optional?.length ?? 0);
    if (organization === "" || parts.length < importer.parts.length || parts.length > most || parts.includes(""))
        throw new InvalidInputError(`import id '${importId}': the import id of a ${kindName} is ${shapeOf(importer)}`);
    const own = context.connection(undefined).organization;
    if (organization.toLowerCase() !== own.toLowerCase())
        throw new InvalidInputError(
            `import id '${importId}' names organization '${organization}', but the provider is configured for '${own}': import with a provider of that organization`,
        );
    return importer.run(context, parts, kind);
}
