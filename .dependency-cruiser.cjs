/**
 * Import rules checked by `npm run lint` (dependency-cruiser). Type-only
 * imports count: a type-only circle becomes a load-order bug the day one
 * side needs a value.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
    forbidden: [
        {
            name: "no-circular",
            severity: "error",
            comment:
                "An import circle: CommonJS would load one side half-initialized. Move what both need into a third module.",
            from: {},
            to: { circular: true },
        },
        {
            name: "program-side-stays-small",
            severity: "error",
            comment:
                "Code that runs in the user's program (provider/resources, provider/shared) never imports the provider process's code, zod or got.",
            from: { path: "^provider/(resources|shared)/" },
            to: { path: "^provider/runtime/|node_modules/(zod|got)/", dependencyTypesNot: ["type-only"] },
        },
        {
            name: "provider-process-never-loads-resources",
            severity: "error",
            comment:
                "The provider process needs no resource class; type-only imports (compile-time Args checks) are fine.",
            from: { path: "^provider/runtime/" },
            to: { path: "^provider/resources/", dependencyTypesNot: ["type-only"] },
        },
        {
            name: "plugin-never-loads-resources",
            severity: "error",
            comment:
                "The provider plugin (provider/plugin) serves the runtime's kinds; it needs no resource class of the user's program.",
            from: { path: "^provider/plugin/" },
            to: { path: "^provider/resources/", dependencyTypesNot: ["type-only"] },
        },
        {
            name: "nothing-loads-the-plugin",
            severity: "error",
            comment:
                "The plugin is an entry point of its own (bin/pulumi-resource-uipath-keys); the program side, the runtime and the policy pack never import it.",
            from: { path: "^provider/(resources|shared|runtime|policy)/|^index\\.ts$" },
            to: { path: "^provider/plugin/" },
        },
        {
            name: "policy-pack-stays-apart",
            severity: "error",
            comment:
                "The policy pack (provider/policy) is its own entry, pulumi-uipath-keys/policy: nothing else loads it, so users without policies need no @pulumi/policy.",
            from: { pathNot: "^provider/policy/" },
            to: { path: "^provider/policy/|node_modules/@pulumi/policy/" },
        },
        {
            name: "emulator-apart-from-provider",
            severity: "error",
            comment: "The emulator and the provider share no code.",
            from: { path: "^(emulator|provider)/" },
            to: { path: "^(emulator|provider)/", pathNot: "^$1/" },
        },
        {
            name: "command-apart-from-emulator",
            severity: "error",
            comment:
                "The rotation command (cli/) runs against real stacks: it never loads the emulator, and neither the provider nor the emulator loads it.",
            from: { path: "^cli/" },
            to: { path: "^emulator/" },
        },
        {
            name: "nothing-loads-the-command",
            severity: "error",
            comment: "The command is an entry point of its own; the package's code never imports it.",
            from: { path: "^(emulator|provider)/|^index\\.ts$" },
            to: { path: "^cli/" },
        },
    ],
    options: {
        doNotFollow: { path: "node_modules" },
        tsPreCompilationDeps: true,
        tsConfig: { fileName: "tsconfig.json" },
    },
};
