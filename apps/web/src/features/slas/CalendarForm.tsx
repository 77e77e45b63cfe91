import type { Calendar, CalendarInput, WeeklyHours } from '@guichet/contracts';
import { Button, Group, MultiSelect, Select, Stack, Switch, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { notify } from '../../lib/notify';
import { entityTreeOrder, indent, useEntities } from '../directory/api';
import { useSaveCalendar } from './api';
import { CalendarPreview } from './CalendarPreview';
import { ClosedDatesEditor } from './ClosedDatesEditor';
import { WeeklyHoursEditor } from './WeeklyHoursEditor';

const officeHours: WeeklyHours = {
  '1': [{ start: '08:00', end: '18:00' }],
  '2': [{ start: '08:00', end: '18:00' }],
  '3': [{ start: '08:00', end: '18:00' }],
  '4': [{ start: '08:00', end: '18:00' }],
  '5': [{ start: '08:00', end: '18:00' }],
};

function timeZones(): string[] {
  try {
    const zones = Intl.supportedValuesOf('timeZone');
    return zones.includes('Europe/Paris') ? zones : ['Europe/Paris', ...zones];
  } catch {
    return ['Europe/Paris', 'UTC'];
  }
}

/** Create or edit a business calendar; "Essayer" previews a due time on the values being edited. */
export function CalendarForm({ calendar, onDone }: { calendar: Calendar | null; onDone: () => void }) {
  const { t } = useTranslation();
  const entities = useEntities();
  const save = useSaveCalendar(calendar);
  const zones = useMemo(timeZones, []);
  const [name, setName] = useState(calendar?.name ?? '');
  const [timeZone, setTimeZone] = useState(calendar?.timeZone ?? 'Europe/Paris');
  const [allTime, setAllTime] = useState(calendar ? calendar.weekly === null : false);
  const [weekly, setWeekly] = useState<WeeklyHours>(calendar?.weekly ?? officeHours);
  const [publicHolidays, setPublicHolidays] = useState(calendar?.publicHolidays ?? true);
  const [closedDates, setClosedDates] = useState<string[]>(calendar?.closedDates ?? []);
  const [entityIds, setEntityIds] = useState<string[]>(calendar?.entities.map((e) => String(e.id)) ?? []);
  const [isDefault, setIsDefault] = useState(calendar?.isDefault ?? false);
  const [missing, setMissing] = useState(false);

  const schedule = { timeZone, weekly: allTime ? null : weekly, publicHolidays, closedDates };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setMissing(!name.trim());
    if (!name.trim()) return;
    const body: CalendarInput = {
      name: name.trim(),
      ...schedule,
      entityIds: entityIds.map(Number),
      isDefault,
    };
    save.mutate(body, {
      onSuccess: () => {
        notify(t('admin.saved'));
        onDone();
      },
    });
  };

  return (
    <Stack component={Form} gap="sm" onSubmit={submit}>
      <TextInput
        label={t('slas.calendars.name')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={missing ? t('form.required') : fieldError(save.error, 'name')}
      />
      <Select
        label={t('slas.calendars.timeZone')}
        searchable
        allowDeselect={false}
        data={zones}
        value={timeZone}
        onChange={(v) => v && setTimeZone(v)}
        limit={50}
        nothingFoundMessage={t('slas.calendars.noTimeZone')}
        error={fieldError(save.error, 'timeZone')}
      />
      <Switch
        label={t('slas.calendars.allTime')}
        checked={allTime}
        onChange={(e) => setAllTime(e.currentTarget.checked)}
      />
      {!allTime && (
        <section aria-labelledby="weekly-title">
          <Title order={3} fz="h5" id="weekly-title" mb={4}>
            {t('slas.calendars.weekly')}
          </Title>
          <WeeklyHoursEditor value={weekly} onChange={setWeekly} error={save.error} />
        </section>
      )}
      <Switch
        label={t('slas.calendars.publicHolidays')}
        checked={publicHolidays}
        onChange={(e) => setPublicHolidays(e.currentTarget.checked)}
      />
      <section aria-labelledby="closed-title">
        <Title order={3} fz="h5" id="closed-title" mb={4}>
          {t('slas.calendars.closedDates')}
        </Title>
        <ClosedDatesEditor value={closedDates} onChange={setClosedDates} error={save.error} />
      </section>
      <MultiSelect
        label={t('slas.calendars.entities')}
        description={t('slas.calendars.entitiesHint')}
        searchable
        data={entityTreeOrder(entities.data ?? []).map((en) => ({
          value: String(en.id),
          label: indent(en.depth, en.name),
        }))}
        value={entityIds}
        onChange={setEntityIds}
        error={fieldError(save.error, 'entityIds')}
      />
      <Switch
        label={t('slas.calendars.isDefault')}
        checked={isDefault}
        onChange={(e) => setIsDefault(e.currentTarget.checked)}
      />
      <CalendarPreview calendar={schedule} />
      <ErrorAlert error={save.error} showFields />
      <Group>
        <Button type="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
        <Button type="button" variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
