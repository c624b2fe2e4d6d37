import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HubRoot, createFetchApi, createHashNavigator } from '@capgw/shared/ui';
import '@capgw/shared/ui/styles/hub.css';

// The web host of the shared screens: the API over fetch on this origin, hash routes, and the
// origin the hub was loaded from as the gateway address in snippets (the hub is served by the
// gateway itself at /hub/).
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <HubRoot
      api={createFetchApi('')}
      navigator={createHashNavigator(window)}
      gatewayUrl={window.location.origin}
    />
  </StrictMode>,
);
