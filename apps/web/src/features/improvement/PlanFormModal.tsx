import type { ImprovementPlan } from '@guichet/contracts';
import { Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { notify } from '../../lib/notify';
import { entityTreeOrder, useEntities } from '../directory/api';
import { useCreatePlan, useUpdatePlan } from './api';

type Field = 'entityId' | 'title' | 'periodStart' | 'periodEnd';

/** Creating or editing a plan: entity, title and period. Field errors come from the server's paths. */
export function PlanFormModal({ plan, onClose }: { plan: ImprovementPlan | null; onClose: () => void }) {
  const { t } = useTranslation();
  const entities = useEntities();
  const create = useCreatePlan();
  const update = useUpdatePlan();
  const mutation = plan ? update : create;
  const [values, setValues] = useState({
    entityId: plan ? String(plan.entity.id) : '',
    title: plan?.title ?? '',
    periodStart: plan?.periodStart ?? '',
    periodEnd: plan?.periodEnd ?? '',
  });
  const [missing, setMissing] = useState<Set<Field>>(new Set());
  const [reversed, setReversed] = useState(false);
  const set = (field: Field) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    // read now: React clears currentTarget once the handler returns, before the updater runs
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };
  const errorOf = (field: Field) =>
    missing.has(field)
      ? t('improvement.required')
      : field === 'periodEnd' && reversed
        ? t('improvement.periodOrder')
        : fieldError(mutation.error, field);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const empty = new Set<Field>((Object.keys(values) as Field[]).filter((k) => values[k].trim() === ''));
    setMissing(empty);
    // ISO dates compare as text
    const backwards = empty.size === 0 && values.periodEnd < values.periodStart;
    setReversed(backwards);
    if (empty.size > 0 || backwards) return;
    const body = {
      entityId: Number(values.entityId),
      title: values.title.trim(),
      periodStart: values.periodStart,
      periodEnd: values.periodEnd,
    };
    const done = {
      onSuccess: () => {
        notify(t('improvement.planSaved'));
        onClose();
      },
    };
    if (plan) update.mutate({ id: plan.id, version: plan.version, ...body }, done);
    else create.mutate(body, done);
  };

  const options = entityTreeOrder(entities.data ?? []).map((e) => ({
    value: String(e.id),
    label: `${'\u00a0\u00a0'.repeat(e.depth)}${e.name}`,
  }));
  const shownFields: Field[] = ['entityId', 'title', 'periodStart', 'periodEnd'];
  const otherError = shownFields.some((f) => fieldError(mutation.error, f)) ? null : mutation.error;

  return (
    <Modal
      opened
      onClose={onClose}
      title={plan ? t('improvement.editPlanNamed', { title: plan.title }) : t('improvement.newPlan')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack component={Form} gap="sm" onSubmit={submit}>
        <NativeSelect
          label={t('improvement.fields.entity')}
          required
          data={[{ value: '', label: '' }, ...options]}
          value={values.entityId}
          onChange={set('entityId')}
          error={errorOf('entityId')}
        />
        <TextInput
          label={t('improvement.fields.title')}
          required
          maxLength={200}
          value={values.title}
          onChange={set('title')}
          error={errorOf('title')}
          data-autofocus
        />
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t('improvement.fields.periodStart')}
            required
            value={values.periodStart}
            onChange={set('periodStart')}
            error={errorOf('periodStart')}
          />
          <TextInput
            type="date"
            label={t('improvement.fields.periodEnd')}
            required
            value={values.periodEnd}
            onChange={set('periodEnd')}
            error={errorOf('periodEnd')}
          />
        </Group>
        <ErrorAlert error={otherError} />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t('improvement.save')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('improvement.cancel')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
