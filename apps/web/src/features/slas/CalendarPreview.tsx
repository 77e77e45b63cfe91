import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../lib/format';
import { type CalendarPreviewBody, useCalendarPreview } from './api';
import { formatMinutes, parseDuration } from './duration';

/** "YYYY-MM-DDTHH:mm" of now, in the browser's time, for a datetime-local input. */
function localNow(): string {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** "Essayer": when would a ticket opened at this moment, with this target, be due? Works on unsaved values. */
export function CalendarPreview({ calendar }: { calendar: CalendarPreviewBody['calendar'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const preview = useCalendarPreview();
  const [start, setStart] = useState(localNow);
  const [duration, setDuration] = useState('4 h');
  const [invalid, setInvalid] = useState(false);
  const minutes = parseDuration(duration);
  const run = () => {
    const ok = minutes !== null && Number.isFinite(minutes) && start !== '';
    setInvalid(!ok);
    if (!ok) return;
    preview.mutate({ calendar, start: new Date(start).toISOString(), minutes: minutes as number });
  };
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="calendar-preview-title">
      <Stack gap="xs">
        <Title order={3} fz="h5" id="calendar-preview-title">
          {t('slas.preview.title')}
        </Title>
        <Group align="flex-start" gap="xs">
          <TextInput
            type="datetime-local"
            label={t('slas.preview.start')}
            value={start}
            onChange={(e) => setStart(e.currentTarget.value)}
          />
          <TextInput
            label={t('slas.preview.duration')}
            description={
              minutes !== null && Number.isFinite(minutes)
                ? `= ${formatMinutes(t, minutes)}`
                : t('slas.durationHint')
            }
            value={duration}
            onChange={(e) => setDuration(e.currentTarget.value)}
            error={invalid ? t('slas.durationInvalid') : undefined}
          />
        </Group>
        <Group>
          <Button variant="default" onClick={run} loading={preview.isPending}>
            {t('slas.preview.run')}
          </Button>
        </Group>
        <div role="status">
          {preview.data && !preview.isPending && (
            <Text fw={600}>
              {t('slas.preview.result')}{' '}
              <time dateTime={preview.data.dueAt}>{f.dateTime(preview.data.dueAt)}</time>
            </Text>
          )}
        </div>
        <ErrorAlert error={preview.error} showFields />
      </Stack>
    </Paper>
  );
}
