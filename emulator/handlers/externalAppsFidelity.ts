/**
 * Fidelity records of the Identity ExternalClient routes (handlers/externalApps.ts), kept apart
 * so the route table there stays one line per route. S1 = UiPath's "IdentityServer Internal API"
 * swagger, UiPath/uipathcli@bd53dd14ec816c3c7d7c91934e5afb629a0da6cf:definitions/identity.yaml;
 * S2 = Automation Suite 2.2510 API guide pages; S3 = the Automation Cloud API guide page.
 */
import type { Fidelity, Route } from "../context";

const S1 = "UiPath/uipathcli@bd53dd14ec816c3c7d7c91934e5afb629a0da6cf:definitions/identity.yaml";
const S2 = "https://docs.uipath.com/automation-suite/automation-suite/2.2510/api-guide";
const S3 = "External client (Automation Cloud API guide): https://docs.uipath.com/automation-cloud/automation-cloud/latest/api-guide/external-client";

const RECORDS: Record<string, Fidelity> = {
    "GET /ExternalApiResource": {
        status: "documented",
        sources: [`${S1}#L1854-L1878 (ExternalApiResource_Get; ExternalResourceDto L6662-L6678)`],
        note: "path and shape documented; the catalog's content and requiring PM.OAuthApp(.Read) are modeled",
    },
    "GET /ExternalClient/:pg": {
        status: "documented",
        sources: [`${S1}#L1879-L1910`, `List all external clients: ${S2}/list-external-clients`, S3],
        note: "`secret: null` on reads is modeled (the UI shows a secret once)",
    },
    "GET /ExternalClient/:pg/:clientId": {
        status: "documented",
        sources: [`${S1}#L1911-L1942`, `Get external client: ${S2}/get-external-client`],
        note: "404 for an unknown client is modeled",
    },
    "POST /ExternalClient": {
        status: "documented",
        sources: [`${S1}#L1999-L2031 (CreateExternalClientCommand L6720-L6741)`, `Create external client: ${S2}/create-external-client`],
        note: "validation messages modeled",
    },
    "PUT /ExternalClient/:pg/:clientId": {
        status: "documented",
        sources: [`${S1}#L1943-L1977 (200, no body)`, `Update external client: ${S2}/update-external-client`],
    },
    "DELETE /ExternalClient/:pg/:clientId": {
        status: "documented",
        sources: [`${S1}#L1978-L1998`, `Delete external clients: ${S2}/delete-external-client`],
    },
    "POST /ExternalClient/GenerateSecret": {
        status: "documented",
        sources: [`${S1}#L2064-L2096 (SecretDto L6326-L6344)`, `Generate a new external client (secret): ${S2}/generate-external-client`],
        note: "refusing a past expiryTime or a non-confidential app is modeled",
    },
    "GET /ExternalClient/:pg/:clientId/GenerateSecret": {
        status: "documented",
        sources: [`${S1}#L2032-L2063 (200, the secret as a JSON string)`, `Generate a new secret: ${S2}/generate-client-secret`],
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
