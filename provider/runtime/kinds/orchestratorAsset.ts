/**
 * `OrchestratorAsset` in the provider process: one Orchestrator asset (Text,
 * Secret, Credential, Integer or Bool) in one folder of one tenant, written
 * through Orchestrator's documented OData API. It is how a rotated key reaches
 * the robots: they read it with Get Asset / Get Credential.
 *
 * API (documented; see /work/notes/research/orchestrator-assets.md, emulator/README.md):
 *  - folder id: `GET {org}/{tenant}/orchestrator_/odata/Folders?$filter=FullyQualifiedName eq '…'`
 *    (no folder header; an unknown path is an empty `value`, not a 404);
 *  - every asset call carries `X-UIPATH-OrganizationUnitId: <folderId>`;
 *  - lookup by name `GET …/odata/Assets/UiPath.Server.Configuration.OData.GetFiltered?$filter=Name eq '…'`
 *    (the server may match more than the exact name: re-checked here, case-insensitively,
 *    because asset names are case-insensitive in Orchestrator);
 *  - `POST …/odata/Assets` → 201 AssetDto; `GET|PUT|DELETE …/odata/Assets({id})`
 *    (PUT takes the whole DTO and answers 200 with no body, or 204; DELETE 204).
 *
 * State model (outputs; `diff` sees only these, so every input it compares is echoed):
 *  - echoed inputs: tenant, folder, name, description, valueType, username,
 *    adoptExisting, connection (stored encrypted, as for the key kinds). The value and
 *    the password are NOT echoed: they live only in the engine's inputs, which the
 *    program side wraps in `pulumi.secret` (ciphertext in state); outputs never hold them.
 *  - assetId (Orchestrator's int64 `Id`), assetKey (its uuid `Key`), folderId
 *    (the folder's int64 `Id`, resolved once at create), organization.
 *  - valueFingerprint: what Orchestrator holds, as far as this provider can tell
 *    (16 hex digits of SHA-256, the same function as the keys' `keyFingerprint`, so an
 *    asset fed from a key shows that key's fingerprint), or a sentence starting with
 *    "unknown:" when the value changed where it cannot be read.
 *  - lastModificationTime: Orchestrator's `LastModificationTime` (or `CreationTime`)
 *    as observed right after this provider's last write or refresh.
 *
 * Drift (refresh reads `GET …/odata/Assets({assetId})`; never the listing, which may omit
 * Secret assets):
 *  - Text, Integer, Bool: the value is readable (`StringValue`/`IntValue`/`BoolValue`,
 *    `Value`), so valueFingerprint is recomputed from what Orchestrator returns. Writing
 *    the same value again by hand is not drift.
 *  - Secret: `SecretValue` is never returned. If `LastModificationTime` still equals the
 *    recorded one, the recorded fingerprint stands (this provider wrote it); otherwise
 *    valueFingerprint becomes "unknown: modified outside Pulumi at <time>".
 *  - Credential: the username is readable, the password is not: as Secret, and a
 *    different username also makes the fingerprint unknown.
 *  - Description: readable; a change shows as `description` and is updated in place.
 *  - Name or value type changed by hand: refresh reports Orchestrator's, and `diff`
 *    then proposes a replacement (as for the same change made in the program).
 *  - Asset gone (404 / errorCode 1002): refresh drops it from state; `up` creates it again.
 * `diff` compares the fingerprint of the desired value with valueFingerprint, so any
 * value drift (or an "unknown:" fingerprint) leads to an in-place update on the next `up`.
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
 *    the asset, its folder and the `adoptExisting: true` flag; found and true → PUT the
 *    desired value onto it and manage it from then on (destroy deletes it);
 *  - not found → POST; a 409 / errorCode 1001 or 1004 (name taken, yet not listed —
 *    Secret assets may be omitted from listings) → the same name-taken error.
 *
 * Errors never hold the value: request bodies are never quoted, and the value and
 * password are passed to the client as secrets to strip. A 403 names the scope the
 * failed call needs: OR.Folders or OR.Folders.Read (folder lookup), OR.Assets or
 * OR.Assets.Read (reads), OR.Assets or OR.Assets.Write (writes).
 */
export {};
