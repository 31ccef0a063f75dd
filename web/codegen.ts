// Typed operations for the admin UI, generated from the exported schema:
// `npm run codegen` after changing an operation or schema.graphql. The
// persisted-documents manifest it writes is the admin's trusted-documents
// list: the binary registers it at start-up.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/admin/**/*.{ts,tsx}', '!src/admin/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/admin/gql/': {
      preset: 'client',
      // The server runs the manifest's text, not Apollo's copy: that text
      // must ask for __typename, or the normalised cache cannot merge
      // objects by id nor match fragments.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', UUID: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
