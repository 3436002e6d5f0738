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
import { ignoredBody } from "../http/request";

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
/** A page of a listing, its assets checked one by one (see {@link OrchestratorAssetsApi.pages}). */
const assetPageSchema = z.object({ value: z.array(z.unknown()) });

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

/**
 * Page size of the paged listings (`$top`/`$skip`, followed until a short page). 1000 is the page
 * UiPath's PowerShell module asks of Orchestrator, relying on it to answer up to `$top` rows
 * (UiPath-Services/UiPathOrch@4f6263d0efb2b654874da9e6ec5bc6855b063da8 UiPathOrch/OrchAPISession.cs,
 * Paginate); the emulator allows the same.
 */
const PAGE_SIZE = 1000;

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
        /** Rows per page of a listing (tests make it small to see the paging). */
        private readonly pageSize = PAGE_SIZE,
    ) {
        this.base = `${client.organizationPath}/${encodeURIComponent(tenant)}/orchestrator_/odata`;
    }

    /**
     * The id of the folder with this fully qualified name, or undefined (an unknown path is an
     * empty list). Looked up once per run for all the folder's assets: this provider never
     * changes folders.
     */
    folderId(path: string): Promise<number | undefined> {
        return this.client.shared(
            `Folders|${this.tenant}|${path.toLowerCase()}`,
            async () => {
                const query = new URLSearchParams({ $filter: `FullyQualifiedName eq ${literal(path)}`, $top: "2" });
                const { body } = await this.call(`looking up folder ${literal(path)}`, SCOPES.folders, undefined, () =>
                    this.client.send({ method: "GET", path: `${this.base}/Folders?${query}`, schema: foldersSchema }),
                );
                return body.value.find((f) => f.FullyQualifiedName.toLowerCase() === path.toLowerCase())?.Id;
            },
            { keptAcrossWrites: true },
        );
    }

    /**
     * The pages of `GetFiltered` in the folder (with `$filter` when given), until a short page,
     * or a page with nothing new (a server that ignores `$skip`: stop rather than loop).
     */
    private async *pages(folder: FolderRef, what: string, filter?: string): AsyncGenerator<AssetDto[]> {
        const seen = new Set<number>();
        for (let skip = 0; ; skip += this.pageSize) {
            const query = new URLSearchParams({
                ...(filter === undefined ? {} : { $filter: filter }),
                $top: String(this.pageSize),
                $skip: String(skip),
            });
            const { body } = await this.call(what, SCOPES.read, folder, () =>
                this.client.send({
                    method: "GET",
                    path: `${this.base}/Assets/UiPath.Server.Configuration.OData.GetFiltered?${query}`,
                    headers: header(folder),
                    schema: assetPageSchema,
                }),
            );
            // One asset of an odd shape must not fail the lookup or every refresh of the folder:
            // it is left out (a resource whose asset it is reads it with its own GET).
            const assets = body.value.flatMap((row) => {
                const checked = assetDtoSchema.safeParse(row);
                return checked.success ? [checked.data] : [];
            });
            yield assets;
            const fresh = assets.filter((a) => !seen.has(a.Id));
            for (const a of fresh) seen.add(a.Id);
            if (body.value.length < this.pageSize || fresh.length === 0) return;
        }
    }

    /**
     * Every asset of the folder, listed once per run and shared by all the folder's resources;
     * any write in the organization drops it. `GetFiltered`, not the deprecated `GET /Assets`:
     * the latter leaves Secret assets out (UiPath's PowerShell module, which merges both, says so:
     * UiPath-Services/UiPathOrch@4f6263d0efb2b654874da9e6ec5bc6855b063da8 UiPathOrch/OrchAPISession.cs,
     * GetAssets).
     */
    list(folder: FolderRef): Promise<AssetDto[]> {
        return this.client.shared(`Assets|${this.tenant}|${folder.id}`, async () => {
            const all: AssetDto[] = [];
            for await (const page of this.pages(folder, `listing the assets of folder ${literal(folder.path)}`))
                all.push(...page);
            return all;
        });
    }

    /**
     * The asset as refresh sees it: from the folder's shared listing, or with its own GET when
     * the listing does not show it (gone, or left out: the GET decides) or lacks a field this
     * provider reads: `GetFiltered` answers `CredentialUsername: ""` for Credential assets (same
     * source as {@link list}). Undefined when it is gone. Writes never decide on it.
     */
    async read(folder: FolderRef, id: number): Promise<AssetDto | undefined> {
        const listed = (await this.list(folder)).find((a) => a.Id === id);
        if (listed && listed.ValueType !== "Credential") return listed;
        return this.get(folder, id);
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
        for await (const page of this.pages(folder, `looking up asset ${literal(name)}`, `Name eq ${literal(name)}`)) {
            const found = page.find((a) => sameName(a.Name, name));
            if (found) return found;
        }
        return undefined;
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
                    schema: ignoredBody,
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
                    schema: ignoredBody,
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
