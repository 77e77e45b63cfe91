import type { ImprovementAction, ImprovementActionStatus, ImprovementPlan, KpiKey } from '@guichet/contracts';
import {
  Button,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { notify } from '../../lib/notify';
import { useCreateAction, useUpdateAction } from './api';
import { actionStatuses, kpiKeys } from './labels';
import { OwnerPicker } from './OwnerPicker';

type Field = 'title' | 'description' | 'ownerId' | 'dueDate' | 'status' | 'kpi' | 'target';
const FIELDS: Field[] = ['title', 'description', 'ownerId', 'dueDate', 'status', 'kpi', 'target'];

/** Creating or editing an action of a plan. Field errors come from the server's field paths. */
export function ActionFormModal({
  plan,
  action,
  onClose,
}: {
  plan: ImprovementPlan;
  action: ImprovementAction | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateAction();
  const update = useUpdateAction();
  const mutation = action ? update : create;
  const [title, setTitle] = useState(action?.title ?? '');
  const [description, setDescription] = useState(action?.description ?? '');
  const [owner, setOwner] = useState<{ id: number; name: string } | null>(action?.owner ?? null);
  const [dueDate, setDueDate] = useState(action?.dueDate ?? '');
  const [status, setStatus] = useState<ImprovementActionStatus>(action?.status ?? 'planned');
  const [kpi, setKpi] = useState<KpiKey | ''>(action?.kpi ?? '');
  const [target, setTarget] = useState<number | string>(action?.target ?? '');
  const [missing, setMissing] = useState<Set<Field>>(new Set());
  const errorOf = (field: Field) =>
    missing.has(field) ? t('improvement.required') : fieldError(mutation.error, field);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const empty = new Set<Field>();
    if (!title.trim()) empty.add('title');
    if (!owner) empty.add('ownerId');
    if (!dueDate) empty.add('dueDate');
    if (!kpi) empty.add('kpi');
    setMissing(empty);
    if (empty.size > 0 || !owner || !kpi) return;
    const body = {
      title: title.trim(),
      description: description.trim(),
      ownerId: owner.id,
      dueDate,
      status,
      kpi,
      target: target === '' ? null : Number(target),
    };
    const done = {
      onSuccess: () => {
        notify(t('improvement.actionSaved'));
        onClose();
      },
    };
    if (action) update.mutate({ id: action.id, version: action.version, ...body }, done);
    else create.mutate({ planId: plan.id, ...body }, done);
  };

  const otherError = FIELDS.some((f) => fieldError(mutation.error, f)) ? null : mutation.error;

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={action ? t('improvement.editActionNamed', { title: action.title }) : t('improvement.newAction')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack component={Form} gap="sm" onSubmit={submit}>
        <TextInput
          label={t('improvement.fields.actionTitle')}
          required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errorOf('title')}
          data-autofocus
        />
        <Textarea
          label={t('improvement.fields.description')}
          autosize
          minRows={2}
          maxLength={5000}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errorOf('description')}
        />
        <div>
          <OwnerPicker
            label={t('improvement.fields.owner')}
            error={errorOf('ownerId')}
            onSelect={(p) => setOwner({ id: p.id, name: p.name })}
          />
          {owner && (
            <Text size="sm" mt={4} aria-live="polite">
              {t('improvement.fields.ownerCurrent', { name: owner.name })}
            </Text>
          )}
        </div>
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t('improvement.fields.dueDate')}
            description={t('improvement.fields.dueDateHelp')}
            required
            min={plan.periodStart}
            value={dueDate}
            onChange={(e) => setDueDate(e.currentTarget.value)}
            error={errorOf('dueDate')}
          />
          <NativeSelect
            label={t('improvement.fields.status')}
            data={actionStatuses.map((s) => ({ value: s, label: t(`improvement.status.${s}`) }))}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as ImprovementActionStatus)}
            error={errorOf('status')}
          />
        </Group>
        <Group grow align="flex-start">
          <NativeSelect
            label={t('improvement.fields.kpi')}
            required
            data={[
              { value: '', label: '' },
              ...kpiKeys.map((k) => ({ value: k, label: t(`improvement.kpi.${k}`) })),
            ]}
            value={kpi}
            onChange={(e) => setKpi(e.currentTarget.value as KpiKey | '')}
            error={errorOf('kpi')}
          />
          <NumberInput
            label={t('improvement.fields.target')}
            description={t('improvement.fields.targetHelp')}
            value={target}
            onChange={setTarget}
            decimalScale={2}
            error={errorOf('target')}
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
