/**
 * A tenant's Orchestrator content: folders and assets. Ids are int64 in UiPath (FolderDto.Id,
 * AssetDto.Id); here one counter per tenant, never reused, so an id in a client's state can
 * never come to name a different asset. Values are stored as given: the emulator plays the
 * service, which holds them (its audit never does).
 */
import { z } from "zod";
import { newGuid } from "../keys";

export const FolderStateSchema = z.object({
    id: z.number().int().positive(),
    key: z.string().min(1),
    displayName: z.string().min(1),
    /** Ancestors' names joined with "/", e.g. "Shared/Finance". */
    fullyQualifiedName: z.string().min(1),
    parentId: z.number().int().positive().nullable(),
});
export type FolderState = z.infer<typeof FolderStateSchema>;

/** The value types the emulator serves (UiPath has more: DBConnectionString, KeyValueList, …). */
export const ASSET_VALUE_TYPES = ["Text", "Bool", "Integer", "Credential", "Secret"] as const;
export type AssetValueType = (typeof ASSET_VALUE_TYPES)[number];
export const ASSET_VALUE_SCOPES = ["Global", "PerRobot"] as const;

export const AssetStateSchema = z.object({
    id: z.number().int().positive(),
    key: z.string().min(1),
    folderId: z.number().int().positive(),
    name: z.string().min(1),
    description: z.string().nullable(),
    /**
     * AssetDto.ValueScope (swagger v20: Global | PerRobot). PerRobot assets exist only through
     * the admin seed route (their per-robot values are not modeled); state written before
     * this field existed reads as Global.
     */
    valueScope: z.enum(ASSET_VALUE_SCOPES).default("Global"),
    valueType: z.enum(ASSET_VALUE_TYPES),
    stringValue: z.string(),
    boolValue: z.boolean(),
    intValue: z.number().int(),
    credentialUsername: z.string(),
    credentialPassword: z.string(),
    secretValue: z.string(),
    creationTime: z.number(),
    creatorUserId: z.number().int(),
    /** Null until the first change after creation (UiPath's audited-entity convention). */
    lastModificationTime: z.number().nullable(),
    lastModifierUserId: z.number().int().nullable(),
});
export type AssetState = z.infer<typeof AssetStateSchema>;

export const OrchestratorStateSchema = z.object({
    nextId: z.number().int().positive(),
    folders: z.array(FolderStateSchema),
    assets: z.array(AssetStateSchema),
});
export type OrchestratorState = z.infer<typeof OrchestratorStateSchema>;

/**
 * Every modern-folders tenant starts with a "Shared" folder (UiPath's default), which is also
 * what a state.json written before folders existed gets.
 */
export function newOrchestratorState(folderPaths: readonly string[] = ["Shared"]): OrchestratorState {
    const state: OrchestratorState = { nextId: 1, folders: [], assets: [] };
    for (const path of folderPaths) ensureFolder(state, path);
    return state;
}

/** Creates `path` and any missing ancestor; returns the folder. */
export function ensureFolder(state: OrchestratorState, path: string): FolderState {
    let parent: FolderState | undefined;
    const names = path.split("/");
    for (let i = 0; i < names.length; i++) {
        const fullyQualifiedName = names.slice(0, i + 1).join("/");
        let folder = findFolderByPath(state, fullyQualifiedName);
        if (!folder) {
            folder = {
                id: state.nextId++,
                key: newGuid(),
                displayName: names[i]!,
                fullyQualifiedName,
                parentId: parent?.id ?? null,
            };
            state.folders.push(folder);
        }
        parent = folder;
    }
    return parent!;
}

// Folder paths and asset names compare case-insensitively (asset names: Orchestrator user guide,
// "Managing Assets in Studio"; folder paths: modeled the same way).
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function findFolderByPath(state: OrchestratorState, path: string): FolderState | undefined {
    return state.folders.find((f) => same(f.fullyQualifiedName, path));
}

/** Deletes the folder, its subfolders and their assets (what deleting a folder in Orchestrator's UI removes; modeled). */
export function deleteFolder(state: OrchestratorState, folderId: number): boolean {
    const doomed = new Set<number>([folderId]);
    for (let grew = true; grew;) {
        grew = false;
        for (const f of state.folders) {
            if (f.parentId !== null && doomed.has(f.parentId) && !doomed.has(f.id)) {
                doomed.add(f.id);
                grew = true;
            }
        }
    }
    const before = state.folders.length;
    state.folders = state.folders.filter((f) => !doomed.has(f.id));
    state.assets = state.assets.filter((a) => !doomed.has(a.folderId));
    return state.folders.length < before;
}

export function findAssetByName(state: OrchestratorState, folderId: number, name: string): AssetState | undefined {
    return state.assets.find((a) => a.folderId === folderId && same(a.name, name));
}
