import type { Calendar } from '@guichet/contracts';
import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { type Weekday, weekdays } from '../../lib/enums';
import { useCalendars, useDeleteCalendar } from './api';
import { CalendarForm } from './CalendarForm';
import { ConfirmDelete } from './ConfirmDelete';

/** "lun. 08:00–12:00, 13:30–17:30 · mar. …", or "24/7". */
function useHoursSummary() {
  const { t } = useTranslation();
  return (c: Calendar) => {
    if (c.weekly === null) return t('slas.calendars.allTimeShort');
    const days = weekdays
      .filter((d: Weekday) => (c.weekly?.[d] ?? []).length > 0)
      .map(
        (d) =>
          `${t(`slas.weekdayShort.${d}`)} ${(c.weekly?.[d] ?? []).map((o) => `${o.start}–${o.end}`).join(', ')}`,
      );
    return days.length ? days.join(' · ') : t('slas.calendars.alwaysClosed');
  };
}

/** Administration › Calendriers: business calendars (hours, holidays, closed days, entities). */
export function CalendarsTab() {
  const { t } = useTranslation();
  const calendars = useCalendars();
  const remove = useDeleteCalendar();
  const summary = useHoursSummary();
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  if (calendars.isPending) return <Loading />;
  if (calendars.error) return <ErrorAlert error={calendars.error} />;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm">{t('slas.calendars.intro')}</Text>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
          {t('slas.calendars.create')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={800}>
        <Table>
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
            {t('slas.calendars.caption', { count: calendars.data.length })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('slas.calendars.name')}</Table.Th>
              <Table.Th scope="col">{t('slas.calendars.hours')}</Table.Th>
              <Table.Th scope="col">{t('slas.calendars.timeZone')}</Table.Th>
              <Table.Th scope="col">{t('slas.calendars.holidaysShort')}</Table.Th>
              <Table.Th scope="col">{t('slas.calendars.entities')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {calendars.data.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>{t('slas.calendars.none')}</Table.Td>
              </Table.Tr>
            )}
            {calendars.data.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Th scope="row" fw={600}>
                  {c.name}
                  {c.isDefault && (
                    <Text span size="xs" display="block">
                      {t('slas.calendars.defaultBadge')}
                    </Text>
                  )}
                </Table.Th>
                <Table.Td>{summary(c)}</Table.Td>
                <Table.Td>{c.timeZone}</Table.Td>
                <Table.Td>
                  {c.publicHolidays ? t('common.yes') : t('common.no')}
                  {c.closedDates.length > 0 && ` (+${c.closedDates.length})`}
                </Table.Td>
                <Table.Td>{c.entities.map((e) => e.name).join(', ') || '—'}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="default"
                      aria-label={t('admin.editOne', { name: c.name })}
                      onClick={() => setEditing(c)}
                    >
                      {t('common.edit')}
                    </Button>
                    <ConfirmDelete
                      id={c.id}
                      name={c.name}
                      mutation={remove}
                      conflictText={t('slas.calendars.inUse')}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('slas.calendars.create') : t('slas.calendars.edit')}
        size="xl"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing !== null && (
          <CalendarForm calendar={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
    </Stack>
  );
}
