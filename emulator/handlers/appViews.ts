/**
 * Response shapes of external applications: ExternalClientDto and SecretDto (documented: UiPath's
 * "IdentityServer Internal API" swagger, UiPath/uipathcli@bd53dd14ec816c3c7d7c91934e5afb629a0da6cf
 * definitions/identity.yaml L6326-L6344, L6662-L6705). Field order as in the docs' examples.
 *
 * Modeled: secret values appear only in the response that creates them; reads answer
 * `secret: null` (the field is nullable in SecretDto). The docs' examples show values on reads;
 * the UI shows a secret once, and so does the emulator.
 */
import { resourcesFor } from "../catalog";
import type { AppState, SecretState } from "../store/state";

export interface SecretView {
    id: number;
    description: string | null;
    secret: string | null;
    creationTime: string;
    expiryTime: string | null;
}

export function secretView(secret: SecretState, reveal: boolean): SecretView {
    return {
        id: secret.id,
        description: secret.description,
        secret: reveal ? secret.value : null,
        creationTime: new Date(secret.creationTime).toISOString(),
        expiryTime: secret.expiryTime === null ? null : new Date(secret.expiryTime).toISOString(),
    };
}

/** `reveal` only when the app was just created (its first secret is the one being shown). */
export function appView(app: AppState, reveal: boolean) {
    return {
        name: app.name,
        id: app.id,
        secret: reveal ? (app.secrets[0]?.value ?? null) : null,
        isConfidential: app.isConfidential,
        redirectUri: app.redirectUri,
        resources: resourcesFor(app.scopes, app.userScopes ?? []),
        secrets: app.secrets.map((s) => secretView(s, reveal)),
    };
}
