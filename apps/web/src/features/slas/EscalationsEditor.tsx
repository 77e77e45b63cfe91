import type { SlaMetric } from '@guichet/contracts';
import './slas.css';
import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../components/ErrorAlert';
import { slaMetrics } from '../../lib/enums';
import { useGroups } from '../directory/api';

export interface EscalationRow {
  metric: SlaMetric;
  percent: string;
  notifyCoordinators: boolean;
  reassignGroupId: string;
  raisePriority: boolean;
}

export const newEscalation = (): EscalationRow => ({
  metric: 'resolution',
  percent: '100',
  notifyCoordinators: true,
  reassignGroupId: '',
  raisePriority: false,
});

/** Escalation rules: at N % of a target, notify the coordinators, hand over to a group, raise the priority. */
export function EscalationsEditor({
  value,
  onChange,
  error,
}: {
  value: EscalationRow[];
  onChange: (v: EscalationRow[]) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const groups = useGroups();
  const update = (i: number, patch: Partial<EscalationRow>) =>
    onChange(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap="xs">
      {value.length === 0 && <Text size="sm">{t('slas.escalations.none')}</Text>}
      {value.map((r, i) => {
        const n = i + 1;
        const err = (field: string) => fieldError(error, `escalations.${i}.${field}`);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rules are positional
          <fieldset key={i} className="sla-day">
            <legend>
              <Text span fw={600} size="sm">
                {t('slas.escalations.legend', { n })}
              </Text>
            </legend>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
              <NativeSelect
                label={t('slas.escalations.metric')}
                value={r.metric}
                onChange={(e) => update(i, { metric: e.currentTarget.value as SlaMetric })}
                data={slaMetrics.map((m) => ({ value: m, label: t(`slas.metric.${m}`) }))}
                error={err('metric')}
              />
              <TextInput
                type="number"
                min={1}
                max={1000}
                label={t('slas.escalations.percent')}
                description={t('slas.escalations.percentHint')}
                value={r.percent}
                onChange={(e) => update(i, { percent: e.currentTarget.value })}
                error={err('percent')}
              />
              <NativeSelect
                label={t('slas.escalations.reassign')}
                value={r.reassignGroupId}
                onChange={(e) => update(i, { reassignGroupId: e.currentTarget.value })}
                data={[
                  { value: '', label: t('slas.escalations.noReassign') },
                  ...(groups.data ?? []).map((g) => ({ value: String(g.id), label: g.name })),
                ]}
                error={err('reassignGroupId')}
              />
            </SimpleGrid>
            <Group mt="xs" gap="lg">
              <Checkbox
                label={t('slas.escalations.notify')}
                checked={r.notifyCoordinators}
                onChange={(e) => update(i, { notifyCoordinators: e.currentTarget.checked })}
              />
              <Checkbox
                label={t('slas.escalations.raise')}
                checked={r.raisePriority}
                onChange={(e) => update(i, { raisePriority: e.currentTarget.checked })}
              />
              <Button
                variant="subtle"
                color="red"
                size="compact-sm"
                leftSection={<IconX size={14} aria-hidden />}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              >
                {t('slas.escalations.remove', { n })}
              </Button>
            </Group>
          </fieldset>
        );
      })}
      <Group>
        <Button
          variant="default"
          size="compact-sm"
          leftSection={<IconPlus size={14} aria-hidden />}
          disabled={value.length >= 20}
          onClick={() => onChange([...value, newEscalation()])}
        >
          {t('slas.escalations.add')}
        </Button>
      </Group>
    </Stack>
  );
}
