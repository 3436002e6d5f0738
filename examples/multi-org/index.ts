/**
 * Several organizations in one stack: each resource gets its own
 * `connection`, built from a list in the stack config. Client secrets come
 * from secret config and stay encrypted (the whole connection is stored as a
 * secret). Settings a connection leaves out (e.g. `baseUrl`) fall back to the
 * `uipath:*` config and the `UIPATH_*` environment variables.
 */
import * as pulumi from "@pulumi/pulumi";
import { ComputerVisionApiKey, DocumentUnderstandingApiKey, type ConnectionArgs } from "pulumi-uipath-keys";

/** One entry of the `organizations` config list. */
interface OrganizationConfig {
    /** Logical name, as in https://cloud.uipath.com/<name>. */
    name: string;
    /** The external application that manages this organization's keys. */
    clientId: string;
}

const config = new pulumi.Config();
const organizations = config.requireObject<OrganizationConfig[]>("organizations");

const fingerprints: Record<string, pulumi.Output<string>> = {};
for (const org of organizations) {
    const connection: ConnectionArgs = {
        organization: org.name,
        clientId: org.clientId,
        // One secret per organization: `pulumi config set --secret clientSecret-<name> ...`.
        clientSecret: config.requireSecret(`clientSecret-${org.name}`),
    };
    // Resource names must be unique in the stack, so they carry the organization.
    const du = new DocumentUnderstandingApiKey(`${org.name}-document-understanding`, {
        connection,
        rotateAfter: "180d",
    });
    const cv = new ComputerVisionApiKey(`${org.name}-computer-vision`, { connection });
    fingerprints[`${org.name}/documentUnderstanding`] = du.keyFingerprint;
    fingerprints[`${org.name}/computerVision`] = cv.keyFingerprint;
}

/** Which key each organization holds now, without the keys. */
export const keyFingerprints = fingerprints;
