import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconTable } from '@tabler/icons-react';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportTable } from './api';
import { ExportLinks } from './ExportLinks';

/**
 * A chart with its figures behind it: the drawing is hidden from assistive technologies, and a
 * « Voir les données » button (aria-expanded) opens the same figures as a real table.
 */
export function ChartPanel({
  title,
  chart,
  table,
  exportTable,
  isEmpty = false,
  emptyText,
}: {
  title: string;
  chart: ReactNode;
  /** the data table, rendered when opened */
  table: (id: string) => ReactNode;
  exportTable?: ExportTable;
  isEmpty?: boolean;
  emptyText?: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const tableId = useId();
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Group justify="space-between" align="center" gap="xs">
          <Title order={3} fz="md" id={headingId}>
            {title}
          </Title>
          {exportTable && <ExportLinks table={exportTable} title={title} />}
        </Group>
        {isEmpty ? (
          <Text size="sm" c="dimmed">
            {emptyText ?? t('cockpit.empty')}
          </Text>
        ) : (
          <>
            <div aria-hidden="true">{chart}</div>
            <Group>
              <Button
                variant="default"
                size="compact-sm"
                leftSection={<IconTable size={14} aria-hidden />}
                aria-expanded={open}
                aria-controls={open ? tableId : undefined}
                onClick={() => setOpen((o) => !o)}
              >
                {open ? t('cockpit.data.hide') : t('cockpit.data.show')}
                <span className="visually-hidden">{t('cockpit.data.of', { title })}</span>
              </Button>
            </Group>
            {open && table(tableId)}
          </>
        )}
      </Stack>
    </Paper>
  );
}
