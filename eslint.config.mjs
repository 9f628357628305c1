import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";

const nodeAndIo = ["node:*", "pg", "bullmq", "ioredis", "express", "@electric-sql/*"];

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "**/.turbo/**",
      "**/coverage/**",
      "**/*.config.*",
      "vitest.shared.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "import-x": importX },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The ASL core is pure: no I/O, no clock, no randomness. Everything arrives through `env`.
    files: ["packages/asl/src/**/*.ts"],
    ignores: ["packages/asl/src/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: nodeAndIo }],
      "no-restricted-globals": [
        "error",
        ...["setTimeout", "setInterval", "setImmediate", "fetch", "process", "performance", "crypto"].map(
          (name) => ({
            name,
            message: "The ASL core is pure: take time, randomness and I/O from `env`.",
          }),
        ),
      ],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "Use env.random()." },
        { object: "Date", property: "now", message: "Use env.now()." },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Use env.now()." },
      ],
    },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
);
