import { Button, Group } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type ExportFormat, type ExportTable, exportUrl, isPeriodTable } from './api';
import { useCockpitSelection } from './CockpitContext';
import { periodProblem } from './period';

const formats: readonly ExportFormat[] = ['csv', 'xlsx'];

/** Download links for one cockpit table, with the filters on screen. */
export function ExportLinks({ table, title }: { table: ExportTable; title: string }) {
  const { t } = useTranslation();
  const { filter, period } = useCockpitSelection();
  // a half-typed custom period would only download an error
  if (isPeriodTable(table) && periodProblem(period) !== null) return null;
  return (
    <Group gap={4} wrap="nowrap">
      {formats.map((format) => (
        <Button
          key={format}
          component="a"
          href={exportUrl(table, format, filter, period)}
          download
          size="compact-xs"
          variant="default"
          leftSection={<IconDownload size={12} aria-hidden />}
          aria-label={t('cockpit.export.label', { title, format: format.toUpperCase() })}
        >
          {format.toUpperCase()}
        </Button>
      ))}
    </Group>
  );
}
