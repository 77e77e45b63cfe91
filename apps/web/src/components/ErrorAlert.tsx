import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api';

/** Human text for an error answered by the API (or the network). */
export function useErrorMessage() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (!isApiError(error)) return t('errors.unexpected');
    if (error.code === 'network') return t('errors.network');
    if (error.code === 'stale_version') return t('errors.stale');
    if (error.code === 'forbidden' || error.code === 'csrf_failed')
      return error.detail ?? t('errors.forbidden');
    if (error.code === 'not_found') return error.detail ?? t('errors.notFound');
    if (error.code === 'too_many_requests') return t('errors.tooMany');
    if (error.code === 'internal') return t('errors.internal');
    return error.detail ?? error.message;
  };
}

/** An error announced to assistive technologies (role="alert"), with field errors listed. */
export function ErrorAlert({
  error,
  title,
  showFields = false,
}: {
  error: unknown;
  title?: string;
  /** list field errors here too (for fields that are not on the form) */
  showFields?: boolean;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  if (!error) return null;
  const fields = showFields && isApiError(error) ? Object.entries(error.fieldErrors) : [];
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={title ?? t('errors.title')}
    >
      {message(error)}
      {fields.length > 0 && (
        <List size="sm" mt="xs">
          {fields.map(([path, msg]) => (
            <List.Item key={path}>
              {path}: {msg}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** The message for one form field, from a failed mutation. */
export function fieldError(error: unknown, ...paths: string[]): string | undefined {
  if (!isApiError(error)) return undefined;
  for (const p of paths) {
    const m = error.fieldErrors[p];
    if (m) return m;
  }
  return undefined;
}
