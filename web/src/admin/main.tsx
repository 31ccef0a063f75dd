// The admin UI's entry point: theme before the first paint, then the
// session (GraphQL client) around the router.
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';

import { createRouter } from './routes';
import { SessionProvider } from './session/session';
import { applyTheme, storedTheme } from './theme';

applyTheme(storedTheme());
window
  .matchMedia('(prefers-color-scheme: dark)')
  .addEventListener('change', () => applyTheme(storedTheme()));

const router = createRouter();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </StrictMode>,
  );
}
