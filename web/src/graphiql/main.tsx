// GraphiQL at /graphiql, with the explorer plugin, served from the vellum
// binary: no CDN, so it works on a machine with no internet.

import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './page.css';

import { explorerPlugin } from '@graphiql/plugin-explorer';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { EXAMPLE_TABS } from './examples';
import { createVellumFetcher } from './fetcher';

const fetcher = createVellumFetcher({
  location: window.location,
  cookies: () => document.cookie,
  fetch: window.fetch.bind(window),
  WebSocket: window.WebSocket,
});
const plugins = [explorerPlugin()];

const container = document.getElementById('graphiql');
if (container === null) {
  throw new Error('the page has no #graphiql element');
}
createRoot(container).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      plugins={plugins}
      defaultTabs={[...EXAMPLE_TABS]}
      defaultEditorToolsVisibility="variables"
      isHeadersEditorEnabled
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>Vellum</GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
