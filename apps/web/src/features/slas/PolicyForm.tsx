import type { PendingReason, SlaKind, SlaPolicy, SlaPolicyInput, TicketType } from '@guichet/contracts';
import {
  Button,
  Checkbox,
  Group,
  Input,
  NativeSelect,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { pendingReasons, priorities, slaKinds, ticketTypes } from '../../lib/enums';
import { notify } from '../../lib/notify';
import {
  categoryTreeOrder,
  entityTreeOrder,
  indent,
  useCategories,
  useEntities,
  useGroups,
} from '../directory/api';
import { useCalendars, useSavePolicy } from './api';
import { formatMinutes, parseDuration } from './duration';
import { type EscalationRow, EscalationsEditor } from './EscalationsEditor';
import { type Priority, TargetsTable, type TargetTexts } from './TargetsTable';

const idOrEmpty = (ref: { id: number } | null | undefined) => (ref ? String(ref.id) : '');
const idOrNull = (v: string) => (v ? Number(v) : null);

/** Create or edit an SLA, OLA or underpinning contract: scope, calendar, targets, pauses and escalations. */
export function PolicyForm({ policy, onDone }: { policy: SlaPolicy | null; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const entities = useEntities();
  const categories = useCategories();
  const groups = useGroups();
  const calendars = useCalendars();
  const save = useSavePolicy(policy);

  const [name, setName] = useState(policy?.name ?? '');
  const [kind, setKind] = useState<SlaKind>(policy?.kind ?? 'sla');
  const [active, setActive] = useState(policy?.active ?? true);
  const [ticketType, setTicketType] = useState<string>(policy?.ticketType ?? '');
  const [entityId, setEntityId] = useState(idOrEmpty(policy?.entity));
  const [categoryId, setCategoryId] = useState(idOrEmpty(policy?.category));
  const [groupId, setGroupId] = useState(idOrEmpty(policy?.group));
  const [calendarId, setCalendarId] = useState(idOrEmpty(policy?.calendar));
  const [targets, setTargets] = useState<TargetTexts>(() => {
    const texts = Object.fromEntries(
      priorities.map((p) => [p, { response: '', resolution: '' }]),
    ) as TargetTexts;
    for (const x of policy?.targets ?? []) {
      texts[x.priority as Priority] = {
        response: x.responseMinutes ? formatMinutes(t, x.responseMinutes) : '',
        resolution: x.resolutionMinutes ? formatMinutes(t, x.resolutionMinutes) : '',
      };
    }
    return texts;
  });
  const [warnPercent, setWarnPercent] = useState(String(policy?.warnPercent ?? 75));
  const [pauseOn, setPauseOn] = useState<string[]>(policy?.pauseOn ?? ['requester']);
  const [escalations, setEscalations] = useState<EscalationRow[]>(
    (policy?.escalations ?? []).map((e) => ({
      metric: e.metric,
      percent: String(e.percent),
      notifyCoordinators: e.notifyCoordinators ?? true,
      reassignGroupId: idOrEmpty(e.reassignGroup),
      raisePriority: e.raisePriority ?? false,
    })),
  );
  const [problems, setProblems] = useState<Record<string, string>>({});

  // the rows sent, so the server's "targets.N.field" errors land on the right cell
  const rows = priorities
    .map((p) => ({
      p,
      response: parseDuration(targets[p].response),
      resolution: parseDuration(targets[p].resolution),
    }))
    .filter((r) => r.response !== null || r.resolution !== null);
  const errorOf = (p: Priority, metric: 'response' | 'resolution') => {
    const i = rows.findIndex((r) => r.p === p);
    return i < 0 ? undefined : fieldError(save.error, `targets.${i}.${metric}Minutes`, `targets.${i}`);
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('form.required');
    if (kind !== 'sla' && !groupId) found.groupId = t('slas.policies.groupRequired');
    const unreadable = rows.some((r) => Number.isNaN(r.response) || Number.isNaN(r.resolution));
    if (unreadable) found.targets = t('slas.durationInvalid');
    else if (rows.length === 0) found.targets = t('slas.policies.targetsRequired');
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const body: SlaPolicyInput = {
      name: name.trim(),
      kind,
      active,
      ticketType: (ticketType || null) as TicketType | null,
      entityId: idOrNull(entityId),
      categoryId: idOrNull(categoryId),
      groupId: idOrNull(groupId),
      calendarId: idOrNull(calendarId),
      targets: rows.map((r) => ({
        priority: r.p,
        responseMinutes: r.response,
        resolutionMinutes: r.resolution,
      })),
      warnPercent: Number(warnPercent),
      pauseOn: pauseOn as PendingReason[],
      escalations: escalations.map((x) => ({
        metric: x.metric,
        percent: Number(x.percent),
        notifyCoordinators: x.notifyCoordinators,
        reassignGroupId: idOrNull(x.reassignGroupId),
        raisePriority: x.raisePriority,
      })),
    };
    save.mutate(body, {
      onSuccess: () => {
        notify(t('admin.saved'));
        onDone();
      },
    });
  };

  const lng = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <Stack component={Form} gap="sm" onSubmit={submit}>
      <TextInput
        label={t('slas.policies.name')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={problems.name ?? fieldError(save.error, 'name')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NativeSelect
          label={t('slas.policies.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as SlaKind)}
          data={slaKinds.map((k) => ({ value: k, label: t(`slas.kind.${k}`) }))}
          error={fieldError(save.error, 'kind')}
        />
        <Switch
          mt={{ sm: 'xl' }}
          label={t('slas.policies.active')}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
        <NativeSelect
          label={t('slas.policies.ticketType')}
          value={ticketType}
          onChange={(e) => setTicketType(e.currentTarget.value)}
          data={[
            { value: '', label: t('slas.policies.anyType') },
            ...ticketTypes.map((x) => ({ value: x, label: t(`ticketType.${x}`) })),
          ]}
          error={fieldError(save.error, 'ticketType')}
        />
        <NativeSelect
          label={t('slas.policies.entity')}
          value={entityId}
          onChange={(e) => setEntityId(e.currentTarget.value)}
          data={[
            { value: '', label: t('slas.policies.anyEntity') },
            ...entityTreeOrder(entities.data ?? []).map((en) => ({
              value: String(en.id),
              label: indent(en.depth, en.name),
            })),
          ]}
          error={fieldError(save.error, 'entityId')}
        />
        <NativeSelect
          label={t('slas.policies.category')}
          value={categoryId}
          onChange={(e) => setCategoryId(e.currentTarget.value)}
          data={[
            { value: '', label: t('slas.policies.anyCategory') },
            ...categoryTreeOrder(categories.data ?? [], lng).map((c) => ({
              value: String(c.category.id),
              label: indent(c.depth, c.label),
            })),
          ]}
          error={fieldError(save.error, 'categoryId')}
        />
        <NativeSelect
          label={t('slas.policies.group')}
          required={kind !== 'sla'}
          value={groupId}
          onChange={(e) => setGroupId(e.currentTarget.value)}
          data={[
            { value: '', label: t('slas.policies.anyGroup') },
            ...(groups.data ?? []).map((g) => ({ value: String(g.id), label: g.name })),
          ]}
          error={problems.groupId ?? fieldError(save.error, 'groupId')}
        />
        <NativeSelect
          label={t('slas.policies.calendar')}
          value={calendarId}
          onChange={(e) => setCalendarId(e.currentTarget.value)}
          data={[
            { value: '', label: t('slas.policies.entityCalendar') },
            ...(calendars.data ?? []).map((c) => ({ value: String(c.id), label: c.name })),
          ]}
          error={fieldError(save.error, 'calendarId')}
        />
        <TextInput
          type="number"
          min={1}
          max={99}
          label={t('slas.policies.warnPercent')}
          description={t('slas.policies.warnPercentHint')}
          value={warnPercent}
          onChange={(e) => setWarnPercent(e.currentTarget.value)}
          error={fieldError(save.error, 'warnPercent')}
        />
      </SimpleGrid>
      <TargetsTable value={targets} onChange={setTargets} errorOf={errorOf} />
      {(problems.targets ?? fieldError(save.error, 'targets')) && (
        <Stack gap={0} role="alert">
          <Input.Error>{problems.targets ?? fieldError(save.error, 'targets')}</Input.Error>
        </Stack>
      )}
      <Checkbox.Group
        label={t('slas.policies.pauseOn')}
        value={pauseOn}
        onChange={setPauseOn}
        error={fieldError(save.error, 'pauseOn')}
      >
        <Group mt={4}>
          {pendingReasons.map((r) => (
            <Checkbox key={r} value={r} label={t(`pendingReason.${r}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <section aria-labelledby="escalations-title">
        <Title order={3} fz="h5" id="escalations-title" mb={4}>
          {t('slas.escalations.title')}
        </Title>
        <EscalationsEditor value={escalations} onChange={setEscalations} error={save.error} />
      </section>
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
