// The hub's screens as a library: a host (the web hub, the desktop app) gives them a HubApi,
// a Navigator and the gateway's address, and renders <HubRoot>. See README.md.
export { ApiError, toApiError } from './api/api-error';
export { errorMessage } from './api/error-messages';
export { createFetchApi } from './api/fetch-api';
export type { HubApi } from './api/hub-api';
export type * from './api/types';
export { HubApp } from './HubApp';
export { HubProvider, type HubProviderProps } from './HubProvider';
export { HubRoot } from './HubRoot';
export { createHashNavigator, createMemoryNavigator, type Navigator } from './routing/navigator';
export { parseRoute, routePath, type Route } from './routing/routes';
