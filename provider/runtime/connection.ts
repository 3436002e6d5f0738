/**
 * Where and as whom the provider talks to UiPath. Resolved at run time, in
 * the provider process, from (first wins): the resource's `connection` input,
 * the stack config in the `uipath:` namespace, `UIPATH_*` environment
 * variables, then defaults. Nothing here is ever captured into the
 * serialized provider stored in state.
 */
import { z } from "zod";
import { InvalidInputError, MissingConnectionError } from "./errors";
import { logicalNameSchema } from "./validation";

export const defaultBaseUrl = "https://cloud.uipath.com";
/** The documented host of the legacy user-key exchange for Automation Cloud. */
export const cloudAccountUrl = "https://account.uipath.com";
/** Document Understanding's public host, where its API key is used ("Public Endpoints", DU user guide). */
export const cloudDuUrl = "https://du.uipath.com";
/** Computer Vision's server ("Public endpoints", AI Computer Vision user guide). */
export const cloudCvUrl = "https://cv.uipath.com";

/** Connection settings a resource may set for itself (for stacks that manage several organizations). */
export const connectionSchema = z
    .object({
        baseUrl: z.url({ protocol: /^https?$/, error: "expected an http(s) URL such as https://cloud.uipath.com" }).optional(),
        accountUrl: z.url({ protocol: /^https?$/, error: "expected an http(s) URL such as https://account.uipath.com" }).optional(),
        duUrl: z.url({ protocol: /^https?$/, error: "expected an http(s) URL such as https://du.uipath.com" }).optional(),
        cvUrl: z.url({ protocol: /^https?$/, error: "expected an http(s) URL such as https://cv.uipath.com" }).optional(),
        organization: logicalNameSchema("organization", "as in https://cloud.uipath.com/<organization>").optional(),
        clientId: z.string().min(1, "expected the external application's client id").optional(),
        clientSecret: z.string().min(1, "expected the external application's client secret").optional(),
        accessToken: z.string().min(1, "expected an access token or personal access token").optional(),
        scopes: z.string().optional(),
    })
    .strict();

export type ConnectionInput = z.infer<typeof connectionSchema>;

/** Names of the settings, their stack config keys and environment variables. */
const settings = {
    baseUrl: { config: "uipath:baseUrl", env: "UIPATH_BASE_URL" },
    accountUrl: { config: "uipath:accountUrl", env: "UIPATH_ACCOUNT_URL" },
    duUrl: { config: "uipath:duUrl", env: "UIPATH_DU_URL" },
    cvUrl: { config: "uipath:cvUrl", env: "UIPATH_CV_URL" },
    organization: { config: "uipath:organization", env: "UIPATH_ORGANIZATION" },
    clientId: { config: "uipath:clientId", env: "UIPATH_CLIENT_ID" },
    clientSecret: { config: "uipath:clientSecret", env: "UIPATH_CLIENT_SECRET" },
    accessToken: { config: "uipath:accessToken", env: "UIPATH_ACCESS_TOKEN" },
    scopes: { config: "uipath:scopes", env: "UIPATH_SCOPES" },
} as const satisfies Record<keyof ConnectionInput, { config: string; env: string }>;

export type Auth =
    | { kind: "clientCredentials"; clientId: string; clientSecret: string; scopes?: string }
    | { kind: "accessToken"; token: string };

/** Fully resolved settings for one organization. */
export interface Connection {
    baseUrl: string;
    accountUrl: string;
    /** Where Document Understanding keys are checked (regional hosts: du-us.uipath.com, …). */
    duUrl: string;
    /** Where Computer Vision keys are checked (cv-eu.uipath.com, …). */
    cvUrl: string;
    organization: string;
    auth: Auth;
}

/** Stack config as handed to the dynamic provider's `configure()` (secrets already decrypted). */
export type StackConfig = { get(key: string): string | undefined };

const noConfig: StackConfig = { get: () => undefined };

/**
 * Merges the sources and checks that enough is there to authenticate.
 * Throws an {@link InvalidInputError} or {@link MissingConnectionError} naming what is missing and where to set it.
 */
export function resolveConnection(
    input: ConnectionInput | undefined,
    stackConfig: StackConfig = noConfig,
    env: NodeJS.ProcessEnv = process.env,
): Connection {
    const pick = (name: keyof ConnectionInput): string | undefined =>
        input?.[name] ?? stackConfig.get(settings[name].config) ?? (env[settings[name].env] || undefined);

    const fromSources = connectionSchema.safeParse(Object.fromEntries(Object.keys(settings).map((k) => [k, pick(k as keyof ConnectionInput)])));
    if (!fromSources.success) {
        const issue = fromSources.error.issues[0];
        const field = String(issue?.path[0] ?? "connection") as keyof ConnectionInput;
        throw new InvalidInputError(
            `connection.${field} (stack config ${settings[field]?.config ?? ""}, env ${settings[field]?.env ?? ""}): ${issue?.message ?? "invalid"}`,
        );
    }
    const s = fromSources.data;
    if (!s.organization) {
        throw new MissingConnectionError(
            "connection.organization is not set: run `pulumi config set uipath:organization <logical name>`, set UIPATH_ORGANIZATION, or give the resource a connection",
        );
    }
    let auth: Auth;
    if (s.accessToken) auth = { kind: "accessToken", token: s.accessToken };
    else if (s.clientId && s.clientSecret) auth = { kind: "clientCredentials", clientId: s.clientId, clientSecret: s.clientSecret, scopes: s.scopes };
    else {
        throw new MissingConnectionError(
            "no UiPath credentials: set uipath:clientId and `pulumi config set --secret uipath:clientSecret` (an external application, recommended), or `pulumi config set --secret uipath:accessToken` (a personal access token); or the UIPATH_* environment variables",
        );
    }
    const baseUrl = (s.baseUrl ?? defaultBaseUrl).replace(/\/+$/, "");
    // Automation Cloud's hosts by default; any other base URL (the emulator) serves them itself.
    const onCloud = new URL(baseUrl).host === "cloud.uipath.com";
    const host = (given: string | undefined, cloud: string): string => (given ?? (onCloud ? cloud : baseUrl)).replace(/\/+$/, "");
    return {
        baseUrl,
        accountUrl: host(s.accountUrl, cloudAccountUrl),
        duUrl: host(s.duUrl, cloudDuUrl),
        cvUrl: host(s.cvUrl, cloudCvUrl),
        organization: s.organization,
        auth,
    };
}

/** The values of a connection that must never appear in output, logs or errors. */
export function connectionSecrets(conn: Connection): string[] {
    return conn.auth.kind === "accessToken" ? [conn.auth.token] : [conn.auth.clientSecret];
}
