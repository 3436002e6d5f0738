/**
 * teamStackReference.test.ts: a consumer stack that reads an environment's key from the stack
 * that owns it (`test:keysStack`, e.g. `organization/keys/dev`) and hands it to a secret store.
 */
import * as pulumi from "@pulumi/pulumi";
import { SecretStoreEntry } from "./consumer";

const config = new pulumi.Config("test");
const keys = new pulumi.StackReference(config.require("keysStack"));
new SecretStoreEntry("ci-secret", { file: config.require("file"), value: keys.getOutput("userKey") });
// Which key the consumer holds, by fingerprint: what a team may show in plain.
export const keyFingerprint = keys.getOutput("keyFingerprint");
