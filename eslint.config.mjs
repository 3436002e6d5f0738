// Lint: typescript-eslint's recommended rules, plus a ban on `any` crossing module boundaries.
// Import circles and the program/provider-process split are checked by dependency-cruiser
// (.dependency-cruiser.cjs), which `npm run lint` runs after eslint.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/", "dist/", ".toolchain/", ".pulumi-state/", "examples/*/node_modules/"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            "@typescript-eslint/no-explicit-any": "error",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        },
    },
    {
        // CommonJS config files (dependency-cruiser's) and the shipped policy pack's entry (plain
        // JavaScript, so the CLI's policy runner has no TypeScript to compile).
        files: ["**/*.cjs", "policy-pack/*.js"],
        languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);
