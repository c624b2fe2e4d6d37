import { HubApp } from './HubApp';
import { HubProvider, type HubProviderProps } from './HubProvider';

/** Everything in one element: the provider (stores for this API client) and the app. */
export function HubRoot(props: Omit<HubProviderProps, 'children'>) {
  return (
    <HubProvider {...props}>
      <HubApp />
    </HubProvider>
  );
}
