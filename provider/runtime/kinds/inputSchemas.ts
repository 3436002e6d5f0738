/**
 * Each kind's input schema, by kind: what the provider plugin's package schema
 * (`schema.json`, `npm run schema`) is generated from, and what its test holds
 * it to. Loads every kind's module: only the schema generator and tests use
 * it, never an operation (see `index.ts`, which loads a kind at its first use).
 */
import type { z } from "zod";
import type { ResourceKindName } from "../../shared/kinds";
import { externalApplicationInputs } from "./externalApplication";
import { externalApplicationSecretInputs } from "./externalApplicationSecret";
import { federatedCredentialInputs } from "./federatedCredential";
import { orchestratorApiAccessInputs } from "./orchestratorApiAccess";
import { orchestratorAssetInputs } from "./orchestratorAssetInputs";
import { productApiKeyInputs } from "./productApiKey";

export const kindInputSchemas = {
    OrchestratorApiAccess: orchestratorApiAccessInputs,
    DocumentUnderstandingApiKey: productApiKeyInputs,
    ComputerVisionApiKey: productApiKeyInputs,
    OrchestratorAsset: orchestratorAssetInputs,
    ExternalApplication: externalApplicationInputs,
    ExternalApplicationSecret: externalApplicationSecretInputs,
    FederatedCredential: federatedCredentialInputs,
} satisfies Record<ResourceKindName, z.ZodType>;

/**
 * Inputs the program-side classes compute, never the user: left out of the package schema.
 * `secretTag` the plugin computes from the URN as the class does (`shared/secretTag.ts`);
 * `rotationGroupSlot` needs every member of a group, which only a program sees
 * (`resources/rotationGroups.ts`), so plugin resources have no slot.
 */
export const computedInputs = ["secretTag", "rotationGroupSlot"] as const;
