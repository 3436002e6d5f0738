/**
 * pulumi-uipath-keys: UiPath Automation Cloud credentials as Pulumi resources.
 * See README.md for configuration and examples.
 */
export * from "./provider";
