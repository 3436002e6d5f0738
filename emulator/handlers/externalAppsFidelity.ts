/**
 * Fidelity records of the Identity ExternalClient routes (handlers/externalApps.ts), kept apart
 * so the route table there stays one line per route. S1 = UiPath's "IdentityServer Internal API"
 * swagger, UiPath/uipathcli@bd53dd14ec816c3c7d7c91934e5afb629a0da6cf:definitions/identity.yaml;
 * S2 = Automation Suite 2.2510 API guide pages; S3 = the Automation Cloud API guide page;
 * TYPES = where scope types are seen as integers (observed; see ../wire.ts).
 */
import type { Fidelity, Route } from "../context";

const S1 = "UiPath/uipathcli@bd53dd14ec816c3c7d7c91934e5afb629a0da6cf:definitions/identity.yaml";
const S2 = "https://docs.uipath.com/automation-suite/automation-suite/2.2510/api-guide";
const S3 =
    "External client (Automation Cloud API guide): https://docs.uipath.com/automation-cloud/automation-cloud/latest/api-guide/external-client";
const TYPES =
    "UiPath-Services/UiPathOrch@4f6263d0efb2b654874da9e6ec5bc6855b063da8:UiPathOrch/OrchEntities.cs (ExternalScope.type is int?; CopyPmExternalApplication.cs posts it back as read)";
/** What every record with scopes in its body says about their `type`. */
const TYPE_NOTE = "scope types are integers (observed), the swagger's names with the seed's wire.scopeTypes";

const RECORDS: Record<string, Fidelity> = {
    "GET /ExternalApiResource": {
        status: "documented",
        sources: [`${S1}#L1854-L1878 (ExternalApiResource_Get; ExternalResourceDto L6662-L6678)`, TYPES],
        note: `path and shape documented; the catalog's content and requiring PM.OAuthApp(.Read) are modeled; ${TYPE_NOTE}`,
    },
    "GET /ExternalClient/:pg": {
        status: "documented",
        sources: [`${S1}#L1879-L1910`, `List all external clients: ${S2}/list-external-clients`, S3, TYPES],
        note: `\`secret: null\` on reads is modeled (the UI shows a secret once); ${TYPE_NOTE}; a scope of both uses listed once per use (modeled)`,
    },
    "GET /ExternalClient/:pg/:clientId": {
        status: "documented",
        sources: [`${S1}#L1911-L1942`, `Get external client: ${S2}/get-external-client`, TYPES],
        note: `404 for an unknown client is modeled; ${TYPE_NOTE}; a scope of both uses listed once per use (modeled)`,
    },
    "POST /ExternalClient": {
        status: "documented",
        sources: [
            `${S1}#L1999-L2031 (CreateExternalClientCommand L6720-L6741)`,
            `Create external client: ${S2}/create-external-client`,
            TYPES,
        ],
        note: `validation messages modeled; ${TYPE_NOTE} (both accepted); bare-string scopes refused unless wire.acceptBareScopeNames (an extension)`,
    },
    "PUT /ExternalClient/:pg/:clientId": {
        status: "documented",
        sources: [`${S1}#L1943-L1977 (200, no body)`, `Update external client: ${S2}/update-external-client`, TYPES],
        note: `${TYPE_NOTE} (both accepted); bare-string scopes refused unless wire.acceptBareScopeNames (an extension)`,
    },
    "DELETE /ExternalClient/:pg/:clientId": {
        status: "documented",
        sources: [`${S1}#L1978-L1998`, `Delete external clients: ${S2}/delete-external-client`],
    },
    "POST /ExternalClient/GenerateSecret": {
        status: "documented",
        sources: [
            `${S1}#L2064-L2096 (SecretDto L6326-L6344)`,
            `Generate a new external client (secret): ${S2}/generate-external-client`,
        ],
        note: "refusing a past expiryTime or a non-confidential app is modeled",
    },
    "GET /ExternalClient/:pg/:clientId/GenerateSecret": {
        status: "documented",
        sources: [
            `${S1}#L2032-L2063 (200, the secret as a JSON string)`,
            `Generate a new secret: ${S2}/generate-client-secret`,
        ],
    },
    "DELETE /ExternalClient/:pg/secrets/:secretId": {
        status: "documented",
        sources: [`${S1}#L2097-L2117`, `Delete a client secret: ${S2}/delete-client-secret`],
        note: "404 for an unknown secret is modeled",
    },
};

/** The record of an ExternalClient route, by method and path under `/{org}/identity_/api`. */
export function externalClientFidelity(method: Route["method"], path: string): Fidelity {
    return RECORDS[`${method} ${path}`] ?? { status: "modeled", sources: [], note: "no fidelity record yet" };
}
