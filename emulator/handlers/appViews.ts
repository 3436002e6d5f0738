/**
 * Response shapes of external applications (documented). Secret values appear only in the
 * response that creates them; reads return `secret: null` and secrets without `secret`
 * (the real service also shows a secret once).
 */
import { resourcesFor } from "../catalog";
import type { AppState, SecretState } from "../store/state";

export interface SecretView {
    id: number;
    secret?: string;
    description: string | null;
    creationTime: string;
    expiryTime: string | null;
}

export function secretView(secret: SecretState, reveal: boolean): SecretView {
    return {
        id: secret.id,
        ...(reveal ? { secret: secret.value } : {}),
        description: secret.description,
        creationTime: new Date(secret.creationTime).toISOString(),
        expiryTime: secret.expiryTime === null ? null : new Date(secret.expiryTime).toISOString(),
    };
}

/** `reveal` only when the app was just created (its first secret is the one being shown). */
export function appView(app: AppState, reveal: boolean) {
    return {
        id: app.id,
        name: app.name,
        secret: reveal ? (app.secrets[0]?.value ?? null) : null,
        isConfidential: app.isConfidential,
        redirectUri: app.redirectUri,
        resources: resourcesFor(app.scopes),
        secrets: app.secrets.map((s) => secretView(s, reveal)),
    };
}
