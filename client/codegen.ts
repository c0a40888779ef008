import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

/**
 * Typed operations from the public API schema (scripts/api-schema.mjs prints it from the supergraph).
 * Each operation also gets its trusted-document id (`__meta__.hash`) and a line in
 * `src/gql/persisted-documents.json`, the list the gateway loads (PERSISTED_DOCUMENTS_PATH). `__typename`
 * is added here as Apollo Client adds it, so the listed document is the one the client means.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: { unmaskFunctionName: 'getFragmentData' }, persistedDocuments: true },
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        scalars: {
          DateTime: 'string',
          JSONObject: 'Record<string, unknown>',
          SafeInt: 'number',
        },
      },
    },
  },
};

export default config;
