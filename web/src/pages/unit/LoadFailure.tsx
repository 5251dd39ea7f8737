// What a detail screen shows when its record cannot be read: 404 → NotFound, 403 → Forbidden
// (another organization's record opened by URL), anything else → the error itself.
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Forbidden, NotFound } from '../../components/Status';

export function LoadFailure({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  if (error instanceof ApiError && error.status === 403) return <Forbidden />;
  return <ErrorAlert error={error} />;
}
