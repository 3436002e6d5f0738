/**
 * `OrchestratorAsset` in the provider process: one Orchestrator asset (Text,
 * Secret, Credential, Integer or Bool) in one folder of one tenant, written
 * through Orchestrator's documented OData API. It is how a rotated key reaches
 * the robots: they read it with Get Asset / Get Credential.
 *
 * API (documented; see the routes' fidelity records and emulator/README.md):
 *  - folder id: `GET {org}/{tenant}/orchestrator_/odata/Folders?$filter=FullyQualifiedName eq '…'`
 *    (no folder header; an unknown path is an empty `value`, not a 404);
 *  - every asset call carries `X-UIPATH-OrganizationUnitId: <folderId>`;
 *  - lookup by name `GET …/odata/Assets/UiPath.Server.Configuration.OData.GetFiltered?$filter=Name eq '…'`
 *    (documented as a contains over Name and Description: paged with `$top`/`$skip` until it runs
 *    out, and re-checked here exactly, case-insensitively, as Orchestrator compares names);
 *  - `POST …/odata/Assets` → 201 AssetDto; `GET|PUT|DELETE …/odata/Assets({id})`
 *    (PUT takes the whole DTO and answers 200 with no body, or 204; DELETE 204).
 *
 * State model (outputs; `diff` sees only these, so every input it compares is echoed):
 *  - echoed inputs: tenant, folder, name, description, valueType, username,
 *    adoptExisting, connection (stored encrypted, as for the key kinds); and the applied
 *    secret, as a secret output (ciphertext in state): `value` of a Secret asset,
 *    `password` of a Credential. `diff` compares those (it gets them decrypted). The value
 *    of a Text, Integer or Bool asset is not echoed: it lives only in the engine's inputs,
 *    which the program side wraps in `pulumi.secret`.
 *  - assetId (Orchestrator's int64 `Id`), assetKey (its uuid `Key`), folderId
 *    (the folder's int64 `Id`, resolved once at create), organization.
 *  - valueFingerprint: what Orchestrator holds, as far as this provider can tell. Text,
 *    Integer, Bool: 16 hex digits of HMAC-SHA256 keyed by fingerprintSalt (random, made at
 *    create; a plain output), so equal values elsewhere fingerprint differently. Secret,
 *    Credential: no digest at all (a fast hash of a password in plaintext state is a
 *    guessing oracle), only the marker "secret: as last written by Pulumi". Either becomes
 *    a sentence starting with "unknown:" when the value changed where it cannot be read.
 *  - lastModificationTime: Orchestrator's `LastModificationTime` (or `CreationTime`)
 *    as observed right after this provider's last write or refresh.
 *
 * Drift (refresh reads `GET …/odata/Assets({assetId})`; never the listing, which may omit
 * Secret assets):
 *  - Text, Integer, Bool: the value is readable (`StringValue`/`IntValue`/`BoolValue`,
 *    `Value`), so valueFingerprint is recomputed from what Orchestrator returns. Writing
 *    the same value again by hand is not drift.
 *  - Secret: `SecretValue` is never returned. If `LastModificationTime` still equals the
 *    recorded one, the recorded marker stands (this provider wrote the value); otherwise
 *    valueFingerprint becomes "unknown: modified outside Pulumi at <time>".
 *  - Credential: the username is readable, the password is not: as Secret, and a
 *    different username also makes the fingerprint unknown.
 *  - Description: readable; a change shows as `description` and is updated in place.
 *  - Name or value type changed by hand: refresh reports Orchestrator's, and `diff`
 *    then proposes a replacement (as for the same change made in the program).
 *  - Asset gone (404 / errorCode 1002): refresh drops it from state, saying so in one line; `up` creates it again.
 * `diff` compares the desired value with the applied one (the keyed fingerprint for the
 * readable types, the echoed secret otherwise), so any value drift (or an "unknown:"
 * fingerprint) leads to an in-place update on the next `up`.
 *
 * Update vs replace:
 *  - replace: organization (connection), tenant, folder, name, valueType. When the new
 *    asset would have the same tenant, folder and name (case-insensitively: a casing
 *    rename or a type change), the old one is deleted first, since Orchestrator refuses
 *    a second asset of that name (1001).
 *  - update in place (PUT of the full DTO, then a GET for the new LastModificationTime):
 *    description, value, username, password. A change of adoptExisting alone does nothing.
 *  - unknown inputs during preview (a key being rotated) are an update, shown as such.
 *
 * Adopt / name taken (create):
 *  - resolve the folder (missing → an error naming the folder path and the tenant);
 *  - look the name up in the folder; found and `adoptExisting` false → an error naming
 *    the asset, its folder and the `adoptExisting: true` flag; found and true → read it, and
 *    refuse one whose ValueScope is not Global (a PUT of this provider's Global DTO would
 *    replace its per-robot values; UiPath's PowerShell module likewise keeps an asset's scope
 *    and refuses to set a value on a PerRobot one: UiPath/orchestrator-powershell@03ab65ff452df317226692cac9e678bfc4d56a02:
 *    UiPath.PowerShell/Cmdlets/EditAsset.cs); else PUT the desired value onto it and manage it
 *    from then on (destroy deletes it);
 *  - not found → POST; errorCode 1001 or 1004, whatever the status (name taken, yet not
 *    listed — Secret assets may be omitted from listings) → the same name-taken error.
 *  - errorCode 1100 on any asset call: the folder was deleted or the caller lost access to it;
 *    an error names the folder (never a missing scope), and refresh does not drop the resource.
 *
 * Errors never hold the value: request bodies are never quoted, and the value and
 * password are passed to the client as secrets to strip. A 403 names the scope the
 * failed call needs: OR.Folders or OR.Folders.Read (folder lookup), OR.Assets or
 * OR.Assets.Read (reads), OR.Assets or OR.Assets.Write (writes).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ProviderContext } from "../context";
import { factsOf, InvalidInputError, NotFoundError, UiPathError } from "../reporting/errors";
import { holdsUnknown } from "../inputs/validation";
import {
    dropped,
    inputAndConnectionFailures,
    organizationOf,
    replacementsOf,
    stateGiven,
    withoutUndefined,
} from "../lifecycle/kindHelpers";
import {
    AssetNameTakenError,
    assetBody,
    OrchestratorAssetsApi,
    sameName,
    secretsOf,
    type AssetDto,
    type FolderRef,
} from "./orchestratorAssetApi";
import {
    desiredFingerprint,
    keyedFingerprint,
    newFingerprintSalt,
    orchestratorAssetInputs,
    type OrchestratorAssetInputs,
    type ValueType,
} from "./orchestratorAssetInputs";

/**
 * The state: inputs echoed (`value` only for a Secret asset, `password` for a Credential;
 * both secret outputs), and what Orchestrator says.
 */
export type OrchestratorAssetState = OrchestratorAssetInputs & {
    assetId: number;
    assetKey: string;
    folderId: number;
    organization: string;
    /** Optional only for state written before fingerprints were keyed: such a resource gets one on its next write. */
    fingerprintSalt?: string;
    valueFingerprint: string;
    lastModificationTime: string;
};

const modifiedAt = (a: AssetDto): string => a.LastModificationTime ?? a.CreationTime ?? "";

/**
 * What refresh reports of the value: readable types by their value, Secret and
 * Credential by their modification time (see the header).
 */
function observedFingerprint(a: AssetDto, state: OrchestratorAssetState, salt: string): string {
    if (a.ValueType !== state.valueType) return `unknown: the value type is now ${a.ValueType}`;
    switch (state.valueType) {
        case "Text":
            return keyedFingerprint(salt, a.StringValue ?? "");
        case "Integer":
            return keyedFingerprint(salt, String(a.IntValue ?? 0));
        case "Bool":
            return keyedFingerprint(salt, String(a.BoolValue ?? false));
        case "Secret":
        case "Credential": {
            const sameUser = state.valueType === "Secret" || a.CredentialUsername === state.username;
            return sameUser && modifiedAt(a) === state.lastModificationTime
                ? state.valueFingerprint
                : `unknown: modified outside Pulumi at ${modifiedAt(a)}`;
        }
    }
}

export function stateFor(
    inputs: OrchestratorAssetInputs,
    organization: string,
    folderId: number,
    asset: AssetDto,
    fingerprintSalt: string,
): OrchestratorAssetState {
    return withoutUndefined({
        ...inputs,
        // Echoed only when secret (a secret output, see the resource class); a Text value stays an input only.
        value: inputs.valueType === "Secret" ? inputs.value : undefined,
        assetId: asset.Id,
        assetKey: asset.Key,
        folderId,
        organization,
        fingerprintSalt,
        valueFingerprint: desiredFingerprint(inputs, fingerprintSalt),
        lastModificationTime: modifiedAt(asset),
    });
}

/** Whether an update must write to Orchestrator (not just a change of adoptExisting or credentials). */
function valueOrDescriptionChanged(olds: OrchestratorAssetState, news: OrchestratorAssetInputs): boolean {
    if (
        holdsUnknown(news.value) ||
        holdsUnknown(news.username) ||
        holdsUnknown(news.password) ||
        holdsUnknown(news.description)
    )
        return true;
    return !appliedIsDesired(olds, news) || (olds.description ?? null) !== (news.description ?? null);
}

/** Whether Orchestrator holds the desired value, as far as the state tells (see the header). */
function appliedIsDesired(olds: OrchestratorAssetState, news: OrchestratorAssetInputs): boolean {
    if (olds.valueFingerprint.startsWith("unknown:")) return false;
    switch (news.valueType) {
        case "Secret":
            return olds.value === news.value;
        case "Credential":
            return olds.username === news.username && olds.password === news.password;
        default:
            return (
                olds.fingerprintSalt !== undefined &&
                desiredFingerprint(news, olds.fingerprintSalt) === olds.valueFingerprint
            );
    }
}

/** What replaces an asset besides its organization (see "Update vs replace" in the header). */
const REPLACE_ON = ["tenant", "folder", "name", "valueType"] as const;

export type OrchestratorAssetProvider = Required<
    Omit<pulumi.dynamic.ResourceProvider<OrchestratorAssetInputs, OrchestratorAssetState>, "configure">
>;

export function orchestratorAssetProvider(context: ProviderContext): OrchestratorAssetProvider {
    const api = (inputs: { connection?: OrchestratorAssetInputs["connection"]; tenant: string }) => {
        const client = context.client(inputs.connection);
        return { client, assets: new OrchestratorAssetsApi(client, inputs.tenant) };
    };
    const folderOf = (s: { folderId: number; folder: string }): FolderRef => ({ id: s.folderId, path: s.folder });
    const nameTaken = (inputs: OrchestratorAssetInputs, listed: boolean, cause?: unknown) =>
        new InvalidInputError(
            listed
                ? `name: an asset named '${inputs.name}' already exists in folder '${inputs.folder}' of tenant '${inputs.tenant}'; set adoptExisting: true to manage it with Pulumi (its value will be overwritten), or choose another name`
                : `name: Orchestrator says the name '${inputs.name}' is already used in folder '${inputs.folder}' of tenant '${inputs.tenant}', but does not list that asset (Secret assets may be hidden from listings), so it cannot be adopted; delete or rename it in Orchestrator, or choose another name`,
            // Orchestrator's facts (errorCode, trace id) of the refusal, when there was one.
            {
                cause,
                ...(cause instanceof AssetNameTakenError && cause.cause instanceof UiPathError
                    ? factsOf(cause.cause)
                    : {}),
            },
        );
    const notGlobal = (inputs: OrchestratorAssetInputs, scope: string | null | undefined) =>
        new InvalidInputError(
            `adoptExisting: the asset '${inputs.name}' in folder '${inputs.folder}' of tenant '${inputs.tenant}' has ValueScope ${scope ?? "(not reported)"}, not Global; this provider manages Global assets only, and adopting it would replace its per-robot values. Leave it to Orchestrator and choose another name, or make it a Global asset in Orchestrator first`,
            { property: "adoptExisting" },
        );

    return {
        async check(_olds, news) {
            return { inputs: news, failures: inputAndConnectionFailures(context, orchestratorAssetInputs, news) };
        },

        async diff(_id, olds, news) {
            const org = organizationOf(context, olds, news);
            const replaces = replacementsOf(context, olds, news, REPLACE_ON);
            // Same tenant, folder and name (a casing change or a new type): Orchestrator refuses two assets of one name.
            const sameSlot =
                org === olds.organization &&
                [news.tenant, news.folder, news.name].every((v) => typeof v === "string" && !holdsUnknown(v)) &&
                sameName(olds.tenant, news.tenant) &&
                sameName(olds.folder, news.folder) &&
                sameName(olds.name, news.name);
            const connectionChanged =
                JSON.stringify(olds.connection ?? null) !== JSON.stringify(news.connection ?? null);
            const changes = replaces.length > 0 || connectionChanged || valueOrDescriptionChanged(olds, news);
            return { changes, replaces, deleteBeforeReplace: replaces.length > 0 && sameSlot };
        },

        async create(inputs) {
            const { client, assets } = api(inputs);
            const folderId = await assets.folderId(inputs.folder);
            if (folderId === undefined) {
                throw new NotFoundError(
                    `folder: no folder '${inputs.folder}' in tenant '${inputs.tenant}' (or the caller cannot see it); expected a folder's fully qualified name, such as Shared/Finance`,
                );
            }
            const folder = folderOf({ folderId, folder: inputs.folder });
            const existing = await assets.findByName(folder, inputs.name);
            let asset: AssetDto | undefined;
            if (existing) {
                if (!inputs.adoptExisting) throw nameTaken(inputs, true);
                const gone = () =>
                    new NotFoundError(
                        `asset '${inputs.name}' disappeared from folder '${inputs.folder}' while being adopted; run up again`,
                    );
                const current = await assets.get(folder, existing.Id);
                if (!current) throw gone();
                if (current.ValueScope !== "Global") throw notGlobal(inputs, current.ValueScope);
                await assets.put(folder, existing.Id, assetBody(inputs), secretsOf(inputs));
                asset = await assets.get(folder, existing.Id);
                if (!asset) throw gone();
            } else {
                try {
                    asset = await assets.create(folder, assetBody(inputs), secretsOf(inputs));
                } catch (err) {
                    if (err instanceof AssetNameTakenError) throw nameTaken(inputs, false, err);
                    throw err;
                }
            }
            const organization = client.connection.organization;
            return {
                id: `${organization}/${inputs.tenant}/assets/${asset.Id}`,
                outs: stateFor(inputs, organization, folderId, asset, newFingerprintSalt()),
            };
        },

        async read(id, given) {
            const props = stateGiven(id, given);
            const { assets } = api(props);
            const asset = await assets.get(folderOf(props), props.assetId);
            if (!asset) {
                return dropped(
                    context,
                    `OrchestratorAsset '${props.name}' (id ${props.assetId}) no longer exists in folder '${props.folder}' of tenant '${props.tenant}' (deleted outside Pulumi): removed from state; the next \`pulumi up\` creates it again.`,
                );
            }
            const fingerprintSalt = props.fingerprintSalt ?? newFingerprintSalt();
            return {
                id,
                props: withoutUndefined({
                    ...props,
                    name: asset.Name,
                    valueType: asset.ValueType as ValueType,
                    description: asset.Description ?? undefined,
                    username:
                        props.valueType === "Credential" ? (asset.CredentialUsername ?? undefined) : props.username,
                    fingerprintSalt,
                    valueFingerprint: observedFingerprint(asset, props, fingerprintSalt),
                    lastModificationTime: modifiedAt(asset),
                }),
            };
        },

        async update(_id, olds, news) {
            const { client, assets } = api(news);
            let lastModificationTime = olds.lastModificationTime;
            if (valueOrDescriptionChanged(olds, news) || olds.name !== news.name) {
                try {
                    await assets.put(folderOf(olds), olds.assetId, assetBody(news), secretsOf(news));
                } catch (err) {
                    if (err instanceof AssetNameTakenError) throw nameTaken(news, true, err);
                    throw err;
                }
                const asset = await assets.get(folderOf(olds), olds.assetId);
                if (!asset)
                    throw new NotFoundError(
                        `asset '${news.name}' (id ${olds.assetId}) was deleted in Orchestrator during the update; run pulumi refresh, then up`,
                    );
                lastModificationTime = modifiedAt(asset);
            }
            const asset = {
                Id: olds.assetId,
                Key: olds.assetKey,
                Name: news.name,
                ValueType: news.valueType,
                LastModificationTime: lastModificationTime,
            };
            return {
                outs: stateFor(
                    news,
                    client.connection.organization,
                    olds.folderId,
                    asset,
                    olds.fingerprintSalt ?? newFingerprintSalt(),
                ),
            };
        },

        async delete(_id, props) {
            const { assets } = api(props);
            await assets.delete(folderOf(props), props.assetId);
        },
    };
}
