import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A busy indicator with a text alternative. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden />
      <span className="visually-hidden">{label ?? t('common.loading')}</span>
    </Center>
  );
}
