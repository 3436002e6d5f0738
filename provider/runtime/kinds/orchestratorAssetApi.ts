/**
 * The Orchestrator calls behind `OrchestratorAsset`, through the one client.
 * Sources: Orchestrator swagger v20 (Folders_Get, Assets_GetFiltered,
 * Assets_GetById/Post/PutById/DeleteById), the Orchestrator API guide
 * ("Building API requests": folder headers) and UiPath's SDKs; see
 * the emulator's route table (emulator/README.md in the source repository).
 *
 * A 403 is re-worded to name the scope the failed call needs, because
 * Orchestrator's body ("You are not authorized!", errorCode 0) does not.
 */
import { z } from "zod";
import type { UiPathClient } from "../client";
import { NotFoundError, PermissionError, RequestFailedError, UiPathError } from "../errors";
import type { OrchestratorAssetInputs } from "./orchestratorAssetInputs";

const folderSchema = z.object({ Id: z.number().int(), FullyQualifiedName: z.string() });
const foldersSchema = z.object({ value: z.array(folderSchema) });

/** The AssetDto fields this provider reads (the rest are dropped by the schema). */
export const assetDtoSchema = z.object({
    Id: z.number().int(),
    Key: z.string(),
    Name: z.string(),
    ValueType: z.string(),
    Description: z.string().nullish(),
    StringValue: z.string().nullish(),
    BoolValue: z.boolean().nullish(),
    IntValue: z.number().nullish(),
    CredentialUsername: z.string().nullish(),
    CreationTime: z.string().nullish(),
    LastModificationTime: z.string().nullish(),
});
export type AssetDto = z.infer<typeof assetDtoSchema>;
const assetsSchema = z.object({ value: z.array(assetDtoSchema) });

/** The AssetDto to POST or PUT: the whole object, the value in its type's field. */
export function assetBody(inputs: OrchestratorAssetInputs): Record<string, unknown> {
    const body: Record<string, unknown> = { Name: inputs.name, ValueScope: "Global", ValueType: inputs.valueType, Description: inputs.description ?? null };
    switch (inputs.valueType) {
        case "Text":
            return { ...body, StringValue: inputs.value };
        case "Secret":
            return { ...body, SecretValue: inputs.value };
        case "Integer":
            return { ...body, IntValue: inputs.value };
        case "Bool":
            return { ...body, BoolValue: inputs.value };
        case "Credential":
            return { ...body, CredentialUsername: inputs.username, CredentialPassword: inputs.password };
    }
}

/** Values the client strips from any message, however unlikely. */
export const secretsOf = (inputs: OrchestratorAssetInputs): string[] =>
    [inputs.valueType === "Secret" ? inputs.value : undefined, inputs.password].filter((s): s is string => typeof s === "string");

/** Asset names are case-insensitive in Orchestrator ("Managing Assets in Studio"). */
export const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** A string literal for `$filter`: single quotes, an embedded quote doubled (OData ABNF). */
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

const SCOPES = {
    folders: "OR.Folders or OR.Folders.Read",
    read: "OR.Assets or OR.Assets.Read",
    write: "OR.Assets or OR.Assets.Write",
};

/** Thrown when the name is already used in the folder (errorCode 1001/1004, HTTP 409). */
export class AssetNameTakenError extends Error {
    override readonly name = "AssetNameTakenError";
}

/** The Assets and Folders of one tenant's Orchestrator. */
export class OrchestratorAssetsApi {
    private readonly base: string;

    constructor(
        private readonly client: UiPathClient,
        private readonly tenant: string,
    ) {
        this.base = `${client.organizationPath}/${encodeURIComponent(tenant)}/orchestrator_/odata`;
    }

    /** The id of the folder with this fully qualified name, or undefined (an unknown path is an empty list). */
    async folderId(path: string): Promise<number | undefined> {
        const query = new URLSearchParams({ $filter: `FullyQualifiedName eq ${literal(path)}`, $top: "2" });
        const { body } = await this.call(`looking up folder ${literal(path)}`, SCOPES.folders, () => this.client.send({ method: "GET", path: `${this.base}/Folders?${query}`, schema: foldersSchema }));
        return body.value.find((f) => f.FullyQualifiedName.toLowerCase() === path.toLowerCase())?.Id;
    }

    /** The asset of this name in the folder, if it is listed (the server's filter may match more: re-checked). */
    async findByName(folderId: number, name: string): Promise<AssetDto | undefined> {
        const query = new URLSearchParams({ $filter: `Name eq ${literal(name)}`, $top: "100" });
        const { body } = await this.call(`looking up asset ${literal(name)}`, SCOPES.read, () =>
            this.client.send({ method: "GET", path: `${this.base}/Assets/UiPath.Server.Configuration.OData.GetFiltered?${query}`, headers: folder(folderId), schema: assetsSchema }),
        );
        return body.value.find((a) => sameName(a.Name, name));
    }

    /** The asset, or undefined when it no longer exists (404 / 1002). */
    async get(folderId: number, id: number): Promise<AssetDto | undefined> {
        try {
            const { body } = await this.call(`reading asset ${id}`, SCOPES.read, () => this.client.send({ method: "GET", path: `${this.base}/Assets(${id})`, headers: folder(folderId), schema: assetDtoSchema }));
            return body;
        } catch (err) {
            if (err instanceof NotFoundError) return undefined;
            throw err;
        }
    }

    /** POST; a name already used becomes an {@link AssetNameTakenError}. */
    async create(folderId: number, dto: Record<string, unknown>, secrets: string[]): Promise<AssetDto> {
        try {
            const { body } = await this.call(`creating asset ${literal(String(dto.Name))}`, SCOPES.write, () =>
                this.client.send({ method: "POST", path: `${this.base}/Assets`, headers: folder(folderId), json: dto, schema: assetDtoSchema, secrets }),
            );
            return body;
        } catch (err) {
            if (err instanceof RequestFailedError && err.status === 409) throw new AssetNameTakenError(String(dto.Name), { cause: err });
            throw err;
        }
    }

    /** PUT of the whole DTO (200 with no body, or 204). */
    async put(folderId: number, id: number, dto: Record<string, unknown>, secrets: string[]): Promise<void> {
        try {
            await this.call(`updating asset ${id}`, SCOPES.write, () =>
                this.client.send({ method: "PUT", path: `${this.base}/Assets(${id})`, headers: folder(folderId), json: { ...dto, Id: id }, schema: z.unknown(), secrets }),
            );
        } catch (err) {
            if (err instanceof RequestFailedError && err.status === 409) throw new AssetNameTakenError(String(dto.Name), { cause: err });
            throw err;
        }
    }

    /** DELETE; an asset already gone is fine. */
    async delete(folderId: number, id: number): Promise<void> {
        try {
            await this.call(`deleting asset ${id}`, SCOPES.write, () => this.client.send({ method: "DELETE", path: `${this.base}/Assets(${id})`, headers: folder(folderId), schema: z.unknown() }));
        } catch (err) {
            if (!(err instanceof NotFoundError)) throw err;
        }
    }

    /** Runs one call; a 403 names the scope it needs (or the folder access, for errorCode 1100). */
    private async call<T>(what: string, scopes: string, send: () => Promise<T>): Promise<T> {
        try {
            return await send();
        } catch (err) {
            if (!(err instanceof PermissionError)) throw err;
            const folderAccess = err instanceof UiPathError && err.message.includes("403 1100");
            const why = folderAccess
                ? "the folder does not exist any more or the caller has no access to it"
                : `the caller lacks the scope ${scopes}: grant it to the external application (and add it to uipath:scopes if you set that), or use the credentials of a user with access to the tenant's Orchestrator`;
            throw new PermissionError(`Orchestrator refused ${what} in tenant '${this.tenant}' (403): ${why}`, { cause: err, status: 403 });
        }
    }
}

const folder = (id: number): Record<string, string> => ({ "x-uipath-organizationunitid": String(id) });
