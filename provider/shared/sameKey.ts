/**
 * The input by which the program tells the provider's `check` that another
 * resource of the run manages the same key: absent when the key is managed
 * once, else the message naming every such resource (see
 * `resources/keyIdentity.ts`). Both sides know its name.
 */
export const sameKeyInput = "sameKeyAs";
