/**
 * The Orchestrator calls behind `OrchestratorAsset`, through the one client.
 * Sources: Orchestrator swagger v20 (Folders_Get, Assets_GetFiltered,
 * Assets_GetById/Post/PutById/DeleteById), the Orchestrator API guide
 * ("Building API requests": folder headers) and UiPath's SDKs; see
 * the emulator's route table (emulator/README.md in the source repository).
 *
 * Decisions key on Orchestrator's integer `errorCode` and the status, never on the message:
 *  - 1001 NameAlreadyUsed (POST and PUT /odata/Assets) and 1004 (an asset that already
 *    exists): the name is taken, whatever the status ("Response codes", Orchestrator API
 *    guide, which gives no status for them:
 *    https://docs.uipath.com/orchestrator/automation-cloud-public-sector/latest/api-guide/response-codes);
 *  - 1100: the folder does not exist or the caller has no access to it, whatever the status
 *    (UiPath's TS SDK's example body, UiPath/uipath-typescript@9d200a118ec66b3062bb41d7147d96c18a20ab74:
 *    src/core/errors/types.ts);
 *  - any other 403 is re-worded to name the scope the failed call needs, because
 *    Orchestrator's body ("You are not authorized!", errorCode 0) does not.
 */
import { z } from "zod";
import type { UiPathClient } from "../http/client";
import { factsOf, NotFoundError, PermissionError, UiPathError } from "../reporting/errors";
import type { OrchestratorAssetInputs } from "./orchestratorAssetInputs";

const folderSchema = z.object({ Id: z.number().int(), FullyQualifiedName: z.string() });
const foldersSchema = z.object({ value: z.array(folderSchema) });

/** The AssetDto fields this provider reads (the rest are dropped by the schema). */
export const assetDtoSchema = z.object({
    Id: z.number().int(),
    Key: z.string(),
    Name: z.string(),
    ValueType: z.string(),
    /** Global or PerRobot (swagger v20 AssetDto, required there); optional here so a read never fails on it. */
    ValueScope: z.string().nullish(),
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
    const body: Record<string, unknown> = {
        Name: inputs.name,
        ValueScope: "Global",
        ValueType: inputs.valueType,
        Description: inputs.description ?? null,
    };
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
    [inputs.valueType === "Secret" ? inputs.value : undefined, inputs.password].filter(
        (s): s is string => typeof s === "string",
    );

/** Asset names are case-insensitive in Orchestrator ("Managing Assets in Studio"). */
export const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** A string literal for `$filter`: single quotes, an embedded quote doubled (OData ABNF). */
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

const SCOPES = {
    folders: "OR.Folders or OR.Folders.Read",
    read: "OR.Assets or OR.Assets.Read",
    write: "OR.Assets or OR.Assets.Write",
};

/** ErrorResult codes this API decides on (see the header). */
export const ORCHESTRATOR_ERROR_CODES = {
    nameAlreadyUsed: 1001,
    assetAlreadyExists: 1004,
    folderUnavailable: 1100,
} as const;
const NAME_TAKEN: readonly (number | undefined)[] = [
    ORCHESTRATOR_ERROR_CODES.nameAlreadyUsed,
    ORCHESTRATOR_ERROR_CODES.assetAlreadyExists,
];
const nameTaken = (err: unknown): err is UiPathError =>
    err instanceof UiPathError && NAME_TAKEN.includes(err.errorCode);

/** The folder a call works in: its id for the header, its path for messages. */
export interface FolderRef {
    id: number;
    path: string;
}

/** Lookup page size; the listing is paged with `$top`/`$skip` until it runs out. */
const PAGE_SIZE = 100;

/** Thrown when the name is already used in the folder (errorCode 1001 or 1004, whatever the status). */
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
        const { body } = await this.call(`looking up folder ${literal(path)}`, SCOPES.folders, undefined, () =>
            this.client.send({ method: "GET", path: `${this.base}/Folders?${query}`, schema: foldersSchema }),
        );
        return body.value.find((f) => f.FullyQualifiedName.toLowerCase() === path.toLowerCase())?.Id;
    }

    /** The fully qualified name of the folder with this id, or undefined when there is none (404). */
    async folderPath(id: number): Promise<string | undefined> {
        try {
            const { body } = await this.call(`reading folder ${id}`, SCOPES.folders, undefined, () =>
                this.client.send({ method: "GET", path: `${this.base}/Folders(${id})`, schema: folderSchema }),
            );
            return body.FullyQualifiedName;
        } catch (err) {
            if (err instanceof NotFoundError) return undefined;
            throw err;
        }
    }

    /**
     * The asset of this name in the folder, if it is listed. Orchestrator documents `$filter` on
     * GetFiltered as a *contains* over Name and Description ("Assets requests",
     * https://docs.uipath.com/orchestrator/automation-cloud-dedicated/latest/api-guide/assets-requests),
     * so many assets may match: the listing is paged until it runs out (or the name is found),
     * and the name compared exactly, case-insensitively, as Orchestrator compares names.
     */
    async findByName(folder: FolderRef, name: string): Promise<AssetDto | undefined> {
        const seen = new Set<number>();
        for (let skip = 0; ; skip += PAGE_SIZE) {
            const query = new URLSearchParams({
                $filter: `Name eq ${literal(name)}`,
                $top: String(PAGE_SIZE),
                $skip: String(skip),
            });
            const { body } = await this.call(`looking up asset ${literal(name)}`, SCOPES.read, folder, () =>
                this.client.send({
                    method: "GET",
                    path: `${this.base}/Assets/UiPath.Server.Configuration.OData.GetFiltered?${query}`,
                    headers: header(folder),
                    schema: assetsSchema,
                }),
            );
            const found = body.value.find((a) => sameName(a.Name, name));
            if (found) return found;
            // A short page is the last; a page of nothing new means the server ignores $skip: stop rather than loop.
            const fresh = body.value.filter((a) => !seen.has(a.Id));
            for (const a of fresh) seen.add(a.Id);
            if (body.value.length < PAGE_SIZE || fresh.length === 0) return undefined;
        }
    }

    /** The asset, or undefined when it no longer exists (404 / 1002). */
    async get(folder: FolderRef, id: number): Promise<AssetDto | undefined> {
        try {
            const { body } = await this.call(`reading asset ${id}`, SCOPES.read, folder, () =>
                this.client.send({
                    method: "GET",
                    path: `${this.base}/Assets(${id})`,
                    headers: header(folder),
                    schema: assetDtoSchema,
                }),
            );
            return body;
        } catch (err) {
            if (err instanceof NotFoundError) return undefined;
            throw err;
        }
    }

    /** POST; a name already used becomes an {@link AssetNameTakenError}. */
    async create(folder: FolderRef, dto: Record<string, unknown>, secrets: string[]): Promise<AssetDto> {
        try {
            const { body } = await this.call(`creating asset ${literal(String(dto.Name))}`, SCOPES.write, folder, () =>
                this.client.send({
                    method: "POST",
                    path: `${this.base}/Assets`,
                    headers: header(folder),
                    json: dto,
                    schema: assetDtoSchema,
                    secrets,
                }),
            );
            return body;
        } catch (err) {
            if (nameTaken(err)) throw new AssetNameTakenError(String(dto.Name), { cause: err });
            throw err;
        }
    }

    /** PUT of the whole DTO (200 with no body, or 204). */
    async put(folder: FolderRef, id: number, dto: Record<string, unknown>, secrets: string[]): Promise<void> {
        try {
            await this.call(`updating asset ${id}`, SCOPES.write, folder, () =>
                this.client.send({
                    method: "PUT",
                    path: `${this.base}/Assets(${id})`,
                    headers: header(folder),
                    json: { ...dto, Id: id },
                    schema: z.unknown(),
                    secrets,
                }),
            );
        } catch (err) {
            if (nameTaken(err)) throw new AssetNameTakenError(String(dto.Name), { cause: err });
            throw err;
        }
    }

    /** DELETE; an asset already gone is fine. */
    async delete(folder: FolderRef, id: number): Promise<void> {
        try {
            await this.call(`deleting asset ${id}`, SCOPES.write, folder, () =>
                this.client.send({
                    method: "DELETE",
                    path: `${this.base}/Assets(${id})`,
                    headers: header(folder),
                    schema: z.unknown(),
                }),
            );
        } catch (err) {
            if (!(err instanceof NotFoundError)) throw err;
        }
    }

    /**
     * Runs one call. errorCode 1100 becomes an error naming the folder (whatever the status: a
     * folder deleted or out of reach is not a missing scope); any other 403 without a code this
     * API decides on names the scope the call needs. Both keep UiPath's facts (errorCode, trace id).
     */
    private async call<T>(
        what: string,
        scopes: string,
        folder: FolderRef | undefined,
        send: () => Promise<T>,
    ): Promise<T> {
        try {
            return await send();
        } catch (err) {
            if (!(err instanceof UiPathError)) throw err;
            const facts = { cause: err, ...factsOf(err) };
            if (folder && err.errorCode === ORCHESTRATOR_ERROR_CODES.folderUnavailable) {
                throw new PermissionError(
                    `Orchestrator refused ${what} in tenant '${this.tenant}': folder '${folder.path}' (id ${folder.id}) does not exist any more or the caller has no access to it (${err.status ?? "no status"}, errorCode 1100); give the caller access to it, or, if it was deleted with its assets, remove this resource from the state (pulumi state delete) and run up again`,
                    facts,
                );
            }
            if (err instanceof PermissionError && !nameTaken(err)) {
                throw new PermissionError(
                    `Orchestrator refused ${what} in tenant '${this.tenant}' (403): the caller lacks the scope ${scopes}: grant it to the external application (and add it to uipath:scopes if you set that), or use the credentials of a user with access to the tenant's Orchestrator`,
                    facts,
                );
            }
            throw err;
        }
    }
}

/** The folder header of every Assets call ("Building API requests", Orchestrator API guide). */
const header = (folder: FolderRef): Record<string, string> => ({ "x-uipath-organizationunitid": String(folder.id) });
