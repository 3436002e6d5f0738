/** errors.test.ts: inputs still unknown during preview (a secret and a trigger from another resource). */
import * as pulumi from "@pulumi/pulumi";
import { DocumentUnderstandingApiKey } from "pulumi-uipath-keys";

// Its output is unknown until it is created, as a secret from another provider would be.
const later: pulumi.dynamic.ResourceProvider<{ value: string }, { value: string }> = {
    async create(inputs) {
        return { id: "later", outs: { value: inputs.value } };
    },
};
class Later extends pulumi.dynamic.Resource {
    declare readonly value: pulumi.Output<string>;
    // The input is a secret too: it stands for a client secret, which must not show in the preview.
    constructor(name: string, value: string) {
        super(later, name, { value: pulumi.secret(value) }, { additionalSecretOutputs: ["value"] }, "test", "Later");
    }
}
const secret = new Later("secret-from-elsewhere", "retired-secret");
const tenantName = new Later("tenant-from-elsewhere", "DefaultTenant");
const du = new DocumentUnderstandingApiKey("du-second-org", {
    connection: { organization: "retired-org", clientId: "retired-client", clientSecret: secret.value },
    rotationTrigger: tenantName.value,
});
export const key = du.apiKey;
