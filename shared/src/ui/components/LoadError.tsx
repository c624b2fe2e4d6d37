import type { ApiError } from '../api/api-error';
import { errorMessage } from '../api/error-messages';
import { Button } from './Button';
import { Callout } from './Callout';

/** A page or section that could not load: the reason, what to do, and a retry. */
export function LoadError({
  error,
  retry,
  what = 'this page',
}: {
  error: ApiError;
  retry?: () => void;
  what?: string;
}) {
  return (
    <Callout
      tone="bad"
      title={`Could not load ${what}`}
      actions={
        retry && (
          <Button size="sm" onClick={retry}>
            Try again
          </Button>
        )
      }
    >
      {errorMessage(error)}
    </Callout>
  );
}
