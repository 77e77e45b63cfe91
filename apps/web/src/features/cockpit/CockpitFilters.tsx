import type { Ref } from '@guichet/contracts';
import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { indent } from '../directory/api';
import { isDate, type Period, type PeriodPreset, periodPresets, periodProblem } from './period';

export interface EntityOption extends Ref {
  depth: number;
}

export type PeriodChoice = PeriodPreset | 'custom';

/**
 * The entity filter (fixed when the person's cockpit covers a single entity) and the period picker:
 * presets, or two dates for a custom period.
 */
export function CockpitFilters({
  entities,
  entityId,
  onEntity,
  choice,
  period,
  onChoice,
  onCustom,
}: {
  /** null while the list is loading */
  entities: readonly EntityOption[] | null;
  entityId: number | undefined;
  onEntity: (id: number | undefined) => void;
  choice: PeriodChoice;
  period: Period;
  onChoice: (choice: PeriodChoice) => void;
  onCustom: (period: Period) => void;
}) {
  const { t } = useTranslation();
  const single = entities?.length === 1 ? entities[0] : undefined;
  return (
    <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label={t('cockpit.filters.label')}>
      {single ? (
        // one entity in scope: nothing to choose, the figures are that entity's
        <TextInput
          label={t('cockpit.filters.entity')}
          value={single.name}
          readOnly
          variant="filled"
          w={280}
        />
      ) : (
        <NativeSelect
          label={t('cockpit.filters.entity')}
          value={entityId === undefined ? '' : String(entityId)}
          onChange={(e) => {
            const v = e.currentTarget.value;
            onEntity(v ? Number(v) : undefined);
          }}
          disabled={entities === null}
          data={[
            { value: '', label: t('cockpit.filters.allEntities') },
            ...(entities ?? []).map((e) => ({ value: String(e.id), label: indent(e.depth, e.name) })),
            // an entity from a shared link that is not (or no longer) in the person's scope: say so
            ...(entityId !== undefined && entities !== null && !entities.some((e) => e.id === entityId)
              ? [{ value: String(entityId), label: t('cockpit.filters.otherEntity', { id: entityId }) }]
              : []),
          ]}
          w={280}
        />
      )}
      <NativeSelect
        label={t('cockpit.filters.period')}
        value={choice}
        onChange={(e) => onChoice(e.currentTarget.value as PeriodChoice)}
        data={[
          ...periodPresets.map((p) => ({ value: p, label: t(`cockpit.preset.${p}`) })),
          { value: 'custom', label: t('cockpit.preset.custom') },
        ]}
      />
      {choice === 'custom' && <CustomPeriod initial={period} onChange={onCustom} />}
    </Group>
  );
}

/**
 * Two dates typed or picked one after the other. The pair lives here while it is edited, so the
 * second date never pairs with a stale first one; each change is sent whole to the page (URL).
 */
function CustomPeriod({ initial, onChange }: { initial: Period; onChange: (period: Period) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const problem = periodProblem(draft);
  const change = (next: Period) => {
    setDraft(next);
    onChange(next);
  };
  return (
    <>
      <TextInput
        type="date"
        label={t('cockpit.filters.from')}
        value={draft.from}
        max={draft.to || undefined}
        onChange={(e) => change({ ...draft, from: e.currentTarget.value })}
        error={problem === 'invalid' && !isDate(draft.from) ? t('cockpit.filters.invalid') : undefined}
      />
      <TextInput
        type="date"
        label={t('cockpit.filters.to')}
        value={draft.to}
        min={draft.from || undefined}
        onChange={(e) => change({ ...draft, to: e.currentTarget.value })}
        error={
          problem === 'order'
            ? t('cockpit.filters.order')
            : problem === 'tooLong'
              ? t('cockpit.filters.tooLong')
              : problem === 'invalid' && !isDate(draft.to)
                ? t('cockpit.filters.invalid')
                : undefined
        }
      />
    </>
  );
}
