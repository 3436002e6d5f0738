/**
 * Every secret value the emulator has held or handed out since it started: seeded and
 * regenerated keys, client secrets, personal access tokens, issued access tokens, client
 * assertions (minted by the test issuers or sent to the token endpoint). Read-only
 * for callers; tests scan CLI output and exported state for these values. Each value comes
 * with a description of what it is, so a report can name a leak without printing the secret.
 */
import type { State } from "./store/state";
import type { Store } from "./store/store";
import {
    TokenRegistry,
    type IssuedToken,
    type TokenClaims,
    type TokenGrant,
    type TokenRegistryOptions,
} from "./tokens";

/** One secret value and what it is (for messages: never print `value`). */
export interface IssuedSecret {
    value: string;
    what: string;
}

export class SecretLedger {
    private readonly seen = new Map<string, string>();

    /** Records a value; the first description given for it is kept. */
    record(value: string, what: string): void {
        if (!this.seen.has(value)) this.seen.set(value, what);
    }

    /** Records every secret a state holds. */
    recordState(state: State): void {
        for (const org of state.orgs) {
            this.record(org.documentUnderstandingApiKey, `the Document Understanding API key of ${org.name}`);
            this.record(org.computerVisionApiKey, `the Computer Vision API key of ${org.name}`);
            for (const tenant of org.tenants) {
                for (const service of tenant.services) {
                    if (service.userKey)
                        this.record(service.userKey, `the user key of ${org.name}/${tenant.name}/${service.name}`);
                }
                for (const asset of tenant.orchestrator.assets) {
                    const where = `asset ${asset.name} (id ${asset.id}) of ${org.name}/${tenant.name}`;
                    if (asset.secretValue) this.record(asset.secretValue, `the value of Secret ${where}`);
                    if (asset.credentialPassword)
                        this.record(asset.credentialPassword, `the password of Credential ${where}`);
                }
            }
            for (const user of org.users) {
                for (const pat of user.personalAccessTokens)
                    this.record(pat, `a personal access token of ${user.email}`);
            }
            for (const app of org.externalApps) {
                for (const secret of app.secrets)
                    this.record(secret.value, `client secret #${secret.id} of app ${app.id} in ${org.name}`);
            }
        }
    }

    /** Wraps a store so that every state it holds, from the first, is recorded. */
    watch(store: Store): Store {
        this.recordState(store.read());
        return {
            read: () => store.read(),
            update: (change) => {
                const result = store.update(change);
                this.recordState(store.read());
                return result;
            },
            close: () => store.close(),
        };
    }

    list(): IssuedSecret[] {
        return [...this.seen].map(([value, what]) => ({ value, what }));
    }
}

/** A token registry that records every access token it issues in a ledger. */
export class RecordingTokenRegistry extends TokenRegistry {
    constructor(
        options: TokenRegistryOptions,
        private readonly ledger: SecretLedger,
    ) {
        super(options);
    }

    override async issue(grant: TokenGrant, claims: TokenClaims): Promise<IssuedToken> {
        const issued = await super.issue(grant, claims);
        this.ledger.record(
            issued.accessToken,
            `an access token issued to ${grant.kind === "app" ? `app ${grant.clientId}` : `a user key of ${grant.tenant}`} in ${grant.org}`,
        );
        return issued;
    }
}
