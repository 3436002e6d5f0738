/**
 * `FederatedCredential` in the provider process: an external application's trust in one
 * (issuer, audience, subject) of an external identity provider (calls: ../identity/federatedCredentialsApi.ts).
 *
 * Rules from UiPath's docs ("Managing federated identity credentials", admin guide,
 * https://docs.uipath.com/test-cloud/automation-cloud/latest/admin-guide/managing-federated-identity-credentials;
 * "External client — Federated credentials", Automation Cloud API guide,
 * https://docs.uipath.com/automation-cloud/automation-cloud/latest/api-guide/external-client-federated-credentials;
 * "Federated identity credentials", Automation Suite 2.2610 admin guide,
 * https://dplt.cms.uipath.com/docs/test-cloud/automation-suite/2.2610/admin-guide/federated-identity-credentials):
 * the issuer is an HTTPS URI; no wildcard in issuer, audience or subject (issue #21's reading of
 * the admin guide); one audience per credential; at most 20 credentials per application.
 *
 * check: the inputs' shape and those rules, before any call; then, for a credential new to its
 *   application, the 20-per-app limit counted against what the app holds now (one list call;
 *   skipped while the client id is unknown at preview, when the app is created in the same run).
 * diff: clientId or the organization changing → replace; name, description, issuer, audience,
 *   subject → update in place.
 * create: POST. read (refresh): GET; gone (the credential or its app) → dropped with a notice;
 *   fields edited outside Pulumi → the observed values, said in one line, so the next `up` reverts
 *   them. update: PUT. delete: DELETE; already gone is fine.
 */
import { z } from "zod";
import type * as pulumi from "@pulumi/pulumi";
import type { FederatedCredentialArgs } from "../../resources/federatedCredential";
import type { ArgsMatch } from "../inputs/argsMatch";
import { connectionSchema } from "../inputs/connection";
import type { ProviderContext } from "../context";
import { factsOf, InputError, NotFoundError } from "../reporting/errors";
import { identityFor, type Identity } from "../identity/identityApi";
import {
    createFederatedCredential,
    deleteFederatedCredential,
    getFederatedCredential,
    listFederatedCredentials,
    updateFederatedCredential,
    type FederatedCredentialFields,
} from "../identity/federatedCredentialsApi";
import { holdsUnknown } from "../inputs/validation";
import {
    dropped,
    inputAndConnectionFailures,
    replacementsOf,
    stateGiven,
    withoutUndefined,
} from "../lifecycle/kindHelpers";

/** "Each application supports a maximum of 20 federated credentials." (both pages above) */
export const MAX_FEDERATED_CREDENTIALS = 20;

const exact = (what: string, example: string, whenList = `expected one ${what} (a string) such as ${example}`) =>
    z
        .string({
            error: (issue) =>
                Array.isArray(issue.input) ? whenList : `expected one ${what} (a string) such as ${example}`,
        })
        .trim()
        .min(1, `expected the ${what}, such as ${example}`)
        .check((ctx) => {
            if (ctx.value.includes("*"))
                ctx.issues.push({
                    code: "custom",
                    message: `the ${what}: UiPath matches it exactly and takes no wildcards (*); register one credential per value`,
                    input: ctx.value,
                });
        });

export const federatedCredentialInputs = z
    .object({
        clientId: z.string().min(1, "expected the external application's client id"),
        name: z.string().trim().min(1, "expected the credential's name").max(200, "expected at most 200 characters"),
        description: z.string().max(1000, "expected at most 1000 characters").optional(),
        issuer: exact("issuer", "https://token.actions.githubusercontent.com").check((ctx) => {
            if (!/^https:\/\/[^/\s?#]+/i.test(ctx.value))
                ctx.issues.push({
                    code: "custom",
                    message: `the issuer must be an HTTPS URI (UiPath matches it exactly against the JWT's iss), such as https://token.actions.githubusercontent.com`,
                    input: ctx.value,
                });
        }),
        audience: exact(
            "audience",
            "api://uipath",
            "expected one audience (a string): UiPath takes one audience per credential; register one credential per audience",
        ),
        subject: exact("subject", "repo:acme/infra:ref:refs/heads/main"),
        connection: connectionSchema.optional(),
    })
    .strict();

export type FederatedCredentialInputs = z.infer<typeof federatedCredentialInputs>;

const argsMatch: ArgsMatch<FederatedCredentialArgs, FederatedCredentialInputs> = true;
void argsMatch;

export type FederatedCredentialState = FederatedCredentialInputs & { credentialId: string; organization: string };

const REPLACE_ON = ["clientId"] as const;
const FIELDS = ["name", "description", "issuer", "audience", "subject"] as const;

const fieldsOf = (i: FederatedCredentialInputs): FederatedCredentialFields => ({
    name: i.name,
    description: i.description ?? null,
    issuer: i.issuer,
    audience: i.audience,
    subject: i.subject,
});

export function federatedCredentialProvider(
    context: ProviderContext,
): Required<Omit<pulumi.dynamic.ResourceProvider<FederatedCredentialInputs, FederatedCredentialState>, "configure">> {
    const identity = (inputs: { connection?: FederatedCredentialInputs["connection"] }): Promise<Identity> =>
        identityFor(context, inputs.connection);

    return {
        async check(olds, news) {
            const failures = inputAndConnectionFailures(context, federatedCredentialInputs, news);
            const newToApp = olds.clientId !== news.clientId;
            if (failures.length > 0 || !newToApp || holdsUnknown(news.clientId) || holdsUnknown(news.connection))
                return { inputs: news, failures };
            try {
                const held = await listFederatedCredentials(await identity(news), news.clientId);
                // An app that does not exist yet (or any more) is the create's to report.
                if (held !== undefined && held.length >= MAX_FEDERATED_CREDENTIALS)
                    failures.push({
                        property: "clientId",
                        reason: `external application ${news.clientId} already holds ${held.length} federated credentials, UiPath's limit is ${MAX_FEDERATED_CREDENTIALS} per application: delete one (or use another application) before adding '${news.name}'`,
                    });
            } catch (err) {
                if (!(err instanceof InputError)) throw err;
                failures.push({ property: "connection", reason: err.message });
            }
            return { inputs: news, failures };
        },

        async diff(_id, olds, news) {
            const replaces = replacementsOf(context, olds, news, REPLACE_ON);
            const changed =
                FIELDS.some((k) => (olds[k] ?? null) !== (news[k] ?? null)) ||
                JSON.stringify(olds.connection ?? null) !== JSON.stringify(news.connection ?? null);
            return { changes: replaces.length > 0 || changed, replaces, deleteBeforeReplace: false };
        },

        async create(inputs) {
            const id = await identity(inputs);
            const created = await createFederatedCredential(id, inputs.clientId, fieldsOf(inputs));
            const state = { ...inputs, credentialId: created.id, organization: id.client.connection.organization };
            return { id: created.id, outs: withoutUndefined(state) };
        },

        async read(credentialId, given) {
            const props = stateGiven(credentialId, given);
            const found = await getFederatedCredential(await identity(props), props.clientId, credentialId);
            if (!found) {
                return dropped(
                    context,
                    `FederatedCredential '${props.name}' (id ${credentialId}) of application ${props.clientId} no longer exists: removed from state; the next \`pulumi up\` registers it again.`,
                );
            }
            const observed: FederatedCredentialState = {
                ...props,
                name: found.name,
                description: found.description ?? undefined,
                issuer: found.issuer,
                audience: found.audience,
                subject: found.subject,
            };
            const drift = FIELDS.filter((k) => (props[k] ?? null) !== (observed[k] ?? null)).map(
                (k) => `${k} '${props[k] ?? ""}' → '${observed[k] ?? ""}'`,
            );
            if (drift.length > 0)
                context.notice(
                    `FederatedCredential '${props.name}' was changed outside Pulumi (${drift.join(", ")}); the next \`pulumi up\` puts back the program's values.`,
                );
            return { id: credentialId, props: withoutUndefined(observed) };
        },

        async update(credentialId, olds, news) {
            const id = await identity(news);
            try {
                await updateFederatedCredential(id, news.clientId, credentialId, fieldsOf(news));
            } catch (err) {
                if (!(err instanceof NotFoundError)) throw err;
                throw new NotFoundError(
                    `FederatedCredential '${olds.name}' (id ${credentialId}) of application ${olds.clientId} no longer exists (deleted outside Pulumi): run \`pulumi refresh\` to drop it from state, then \`pulumi up\` to register it again`,
                    { cause: err, ...factsOf(err) },
                );
            }
            return { outs: withoutUndefined({ ...news, credentialId, organization: olds.organization }) };
        },

        async delete(credentialId, props) {
            await deleteFederatedCredential(await identity(props), props.clientId, credentialId);
        },
    };
}
