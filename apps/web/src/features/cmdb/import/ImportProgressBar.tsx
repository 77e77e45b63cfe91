import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import type { ImportProgress } from './api';

/**
 * The progress of a streamed import: a progressbar (aria-valuenow in percent) and, beside it, a polite
 * live region saying the same in words, so screen readers hear it without losing their place.
 */
export function ImportProgressBar({ progress, label }: { progress: ImportProgress | null; label: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const percent =
    progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;
  const words = progress
    ? t(`cmdbImport.progress.${progress.phase}`, {
        done: f.number(progress.done),
        total: f.number(progress.total),
        percent,
      })
    : t('cmdbImport.progress.starting');
  return (
    <Stack gap={4}>
      <Progress value={percent} size="lg" aria-label={label} animated={percent < 100} />
      <Text size="sm" role="status" aria-live="polite">
        {words}
      </Text>
    </Stack>
  );
}
