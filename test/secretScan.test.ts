/**
 * The secret scan every real-engine test ends with must be able to fail: a secret in any
 * command's output is reported with the command and the kind of secret, and its value is
 * never repeated in the report.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { assertNoLeaks, findLeaks, SecretLeakError } from "./helpers/secretScan";

const secret = { value: "s3cr3t-value-for-the-scan-test", what: "the Computer Vision API key of demo-org" };

it("the secret scan names the command and the kind of secret that leaked, without its value", () => {
    const transcript = [
        { label: "#1 pulumi preview --diff", text: "+ cv (create)" },
        { label: "#2 pulumi up --yes", text: `Outputs:\n    leaked: "${secret.value}"` },
    ];
    assert.deepEqual(findLeaks(transcript, [secret]), [{ where: "#2 pulumi up --yes", what: secret.what }]);
    assert.throws(
        () => assertNoLeaks(transcript, [secret]),
        (err: unknown) =>
            err instanceof SecretLeakError &&
            err.message.includes("#2 pulumi up --yes") &&
            !err.message.includes(secret.value),
    );
});

it("the secret scan passes output that holds no secret", () => {
    assert.doesNotThrow(() => assertNoLeaks([{ label: "#1 pulumi up --yes", text: "cvKey: [secret]" }], [secret]));
});
