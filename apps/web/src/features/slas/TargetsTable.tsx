import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { priorities } from '../../lib/enums';
import { DurationInput } from './DurationInput';

export type Priority = (typeof priorities)[number];
export type TargetTexts = Record<Priority, { response: string; resolution: string }>;

/** Targets per priority (rows P1…P5) × time to respond / to resolve (columns), typed as durations. */
export function TargetsTable({
  value,
  onChange,
  errorOf,
}: {
  value: TargetTexts;
  onChange: (v: TargetTexts) => void;
  /** the server's message for one cell, if any */
  errorOf: (p: Priority, metric: 'response' | 'resolution') => string | undefined;
}) {
  const { t } = useTranslation();
  const set = (p: Priority, metric: 'response' | 'resolution', text: string) =>
    onChange({ ...value, [p]: { ...value[p], [metric]: text } });
  return (
    <>
      <Text size="sm" id="targets-hint">
        {t('slas.durationHint')} {t('slas.policies.targetsEmpty')}
      </Text>
      <Table aria-describedby="targets-hint" withTableBorder>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
          {t('slas.policies.targets')}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('field.priority')}</Table.Th>
            <Table.Th scope="col">{t('slas.metric.response')}</Table.Th>
            <Table.Th scope="col">{t('slas.metric.resolution')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {priorities.map((p) => {
            const row = `${t('priority.short', { p })} ${t(`priority.${p}`)}`;
            return (
              <Table.Tr key={p}>
                <Table.Th scope="row">{row}</Table.Th>
                {(['response', 'resolution'] as const).map((m) => (
                  <Table.Td key={m}>
                    <DurationInput
                      hideLabel
                      label={`${t(`slas.metric.${m}`)} – ${row}`}
                      value={value[p][m]}
                      onChange={(text) => set(p, m, text)}
                      error={errorOf(p, m)}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </>
  );
}
