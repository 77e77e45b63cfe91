import type { WeeklyHours } from '@guichet/contracts';
import './slas.css';
import { Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../components/ErrorAlert';
import { type Weekday, weekdays } from '../../lib/enums';

type Opening = { start: string; end: string };

/** Office hours per weekday: each day holds 0..n openings (start/end); a day without any is closed. */
export function WeeklyHoursEditor({
  value,
  onChange,
  error,
}: {
  value: WeeklyHours;
  onChange: (v: WeeklyHours) => void;
  /** the save's failure, for field messages ("weekly.1.0.end") */
  error: unknown;
}) {
  const { t } = useTranslation();
  const setDay = (d: Weekday, openings: Opening[]) => onChange({ ...value, [d]: openings });
  return (
    <Stack gap="xs">
      {weekdays.map((d) => {
        const day = t(`slas.weekdayIn.${d}`);
        const openings = value[d] ?? [];
        const dayError = fieldError(error, `weekly.${d}`);
        return (
          <fieldset key={d} className="sla-day">
            <legend>
              <Text span fw={600} size="sm">
                {t(`slas.weekday.${d}`)}
              </Text>
            </legend>
            <Stack gap={6}>
              {openings.length === 0 && <Text size="sm">{t('slas.calendars.closedDay')}</Text>}
              {openings.map((o, i) => {
                const update = (patch: Partial<Opening>) =>
                  setDay(
                    d,
                    openings.map((x, j) => (j === i ? { ...x, ...patch } : x)),
                  );
                const n = i + 1;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: openings are positional
                  <SimpleGrid key={i} cols={{ base: 1, xs: 3 }} spacing="xs" verticalSpacing={4}>
                    <TextInput
                      type="time"
                      label={t('slas.calendars.slotStart', { n, day })}
                      value={o.start}
                      onChange={(e) => update({ start: e.currentTarget.value })}
                      error={fieldError(error, `weekly.${d}.${i}.start`, `weekly.${d}.${i}`)}
                    />
                    <TextInput
                      type="time"
                      label={t('slas.calendars.slotEnd', { n, day })}
                      value={o.end === '24:00' ? '23:59' : o.end}
                      onChange={(e) => update({ end: e.currentTarget.value })}
                      error={fieldError(error, `weekly.${d}.${i}.end`)}
                    />
                    <Group align="flex-end">
                      <Button
                        variant="subtle"
                        color="red"
                        size="compact-sm"
                        leftSection={<IconX size={14} aria-hidden />}
                        onClick={() =>
                          setDay(
                            d,
                            openings.filter((_, j) => j !== i),
                          )
                        }
                      >
                        {t('slas.calendars.removeSlot', { n, day })}
                      </Button>
                    </Group>
                  </SimpleGrid>
                );
              })}
              {dayError && (
                <Text size="sm" c="red.8" role="alert">
                  {dayError}
                </Text>
              )}
              <Group>
                <Button
                  variant="default"
                  size="compact-sm"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  disabled={openings.length >= 6}
                  onClick={() => {
                    const last = openings[openings.length - 1];
                    setDay(d, [
                      ...openings,
                      last
                        ? { start: last.end, end: last.end < '18:00' ? '18:00' : '23:59' }
                        : { start: '08:00', end: '18:00' },
                    ]);
                  }}
                >
                  {t('slas.calendars.addSlot', { day })}
                </Button>
              </Group>
            </Stack>
          </fieldset>
        );
      })}
    </Stack>
  );
}
