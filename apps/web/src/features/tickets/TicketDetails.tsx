import type { Ticket, TicketUpdate } from '@guichet/contracts';
import { Alert, Anchor, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { levels } from '../../lib/enums';
import { useFormat } from '../../lib/format';
import { notify } from '../../lib/notify';
import { categoryTreeOrder, indent, useCategories, useGroups, useSites } from '../directory/api';
import { useUpdateTicket } from './api';

interface Draft {
  groupId: string;
  assigneeId: string;
  categoryId: string;
  siteId: string;
  impact: string;
  urgency: string;
}

const draftOf = (t: Ticket): Draft => ({
  groupId: t.group ? String(t.group.id) : '',
  assigneeId: t.assignee ? String(t.assignee.id) : '',
  categoryId: t.category ? String(t.category.id) : '',
  siteId: t.site ? String(t.site.id) : '',
  impact: String(t.impact),
  urgency: String(t.urgency),
});

const idOrNull = (v: string) => (v ? Number(v) : null);

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </div>
  );
}

/** Requester, entity, site, category, impact/urgency, group, assignee: editable for staff in charge. */
export function TicketDetails({ ticket }: { ticket: Ticket }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const editable = ticket.can.update;
  const groups = useGroups(editable);
  const categories = useCategories(editable);
  const sites = useSites({ entity: ticket.entity.id }, editable);
  const update = useUpdateTicket(ticket.number);
  // the form edits a snapshot (base) of the ticket at one version; saving sends only what differs
  const [form, setForm] = useState(() => ({ base: draftOf(ticket), baseVersion: ticket.version }));
  const [draft, setDraft] = useState<Draft>(() => draftOf(ticket));
  const { base: initial, baseVersion } = form;
  const dirty = (Object.keys(draft) as (keyof Draft)[]).some((k) => draft[k] !== initial[k]);
  const changedElsewhere = ticket.version !== baseVersion;

  const reload = (tk: Ticket) => {
    setForm({ base: draftOf(tk), baseVersion: tk.version });
    setDraft(draftOf(tk));
  };

  // a change made elsewhere replaces the form unless the person is in the middle of editing
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload is stable in effect
  useEffect(() => {
    if (changedElsewhere && !dirty) reload(ticket);
  }, [ticket, changedElsewhere, dirty]);

  const assigneeOptions = useMemo(() => {
    const all = groups.data ?? [];
    const pool = draft.groupId ? all.filter((g) => String(g.id) === draft.groupId) : all;
    const people = new Map<number, string>();
    for (const g of pool) for (const m of g.members) people.set(m.id, m.name);
    if (ticket.assignee && !people.has(ticket.assignee.id) && !draft.groupId)
      people.set(ticket.assignee.id, ticket.assignee.name);
    return [...people.entries()].sort((a, b) => a[1].localeCompare(b[1], i18n.language));
  }, [groups.data, draft.groupId, ticket.assignee, i18n.language]);

  if (!editable) {
    return (
      <Paper withBorder p="md">
        <Title order={2} fz="h4" mb="sm">
          {t('details.title')}
        </Title>
        <Stack component="dl" gap="xs" m={0}>
          <Row label={t('field.requester')}>{ticket.requester.name}</Row>
          <Row label={t('field.entity')}>{ticket.entity.name}</Row>
          <Row label={t('field.siteId')}>{ticket.site?.name ?? t('common.none')}</Row>
          <Row label={t('field.categoryId')}>{ticket.category?.name ?? t('common.none')}</Row>
          <Row label={t('field.groupId')}>{ticket.group?.name ?? t('common.none')}</Row>
          <Row label={t('field.assigneeId')}>{ticket.assignee?.name ?? t('common.none')}</Row>
          <Row label={t('field.impact')}>{t(`impact.${ticket.impact as 1}`)}</Row>
          <Row label={t('field.urgency')}>{t(`urgency.${ticket.urgency as 1}`)}</Row>
          <Row label={t('field.channel')}>{t(`channel.${ticket.channel}`)}</Row>
          <Row label={t('field.createdAt')}>{f.dateTime(ticket.createdAt)}</Row>
        </Stack>
      </Paper>
    );
  }

  const set = (k: keyof Draft) => (e: React.ChangeEvent<HTMLSelectElement>) => {
    const value = e.currentTarget.value;
    setDraft((d) => {
      const next = { ...d, [k]: value };
      // the assignee must belong to the chosen group
      if (k === 'groupId' && value && d.assigneeId) {
        const g = groups.data?.find((x) => String(x.id) === value);
        if (g && !g.members.some((m) => String(m.id) === d.assigneeId)) next.assigneeId = '';
      }
      return next;
    });
  };

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const patch: TicketUpdate = { version: baseVersion };
    if (draft.groupId !== initial.groupId) patch.groupId = idOrNull(draft.groupId);
    if (draft.assigneeId !== initial.assigneeId) patch.assigneeId = idOrNull(draft.assigneeId);
    if (draft.categoryId !== initial.categoryId) patch.categoryId = idOrNull(draft.categoryId);
    if (draft.siteId !== initial.siteId) patch.siteId = idOrNull(draft.siteId);
    if (draft.impact !== initial.impact) patch.impact = Number(draft.impact);
    if (draft.urgency !== initial.urgency) patch.urgency = Number(draft.urgency);
    update.mutate(patch, {
      onSuccess: (saved) => {
        reload(saved as Ticket);
        notify(t('details.saved'));
      },
    });
  };

  const discard = () => {
    reload(ticket);
    update.reset();
  };

  const lng = i18n.language === 'en' ? 'en' : 'fr';
  const none = { value: '', label: t('common.none') };

  return (
    <Paper withBorder p="md" component={Form} onSubmit={save}>
      <Title order={2} fz="h4" mb="sm">
        {t('details.title')}
      </Title>
      <Stack gap="xs">
        <Stack component="dl" gap="xs" m={0}>
          <Row label={t('field.requester')}>
            {ticket.requester.name}
            {ticket.requester.phone && (
              <Anchor
                href={`tel:${ticket.requester.phone.replace(/[^+0-9]/g, '')}`}
                size="sm"
                display="block"
              >
                {ticket.requester.phone}
              </Anchor>
            )}
            <Anchor href={`mailto:${ticket.requester.email}`} size="sm" display="block">
              {ticket.requester.email}
            </Anchor>
          </Row>
          <Row label={t('field.entity')}>{ticket.entity.name}</Row>
          <Row label={t('field.channel')}>{t(`channel.${ticket.channel}`)}</Row>
        </Stack>
        {changedElsewhere && dirty && (
          <Alert color="orange" variant="light" role="status">
            {t('details.changedElsewhere')}{' '}
            <Button size="compact-sm" variant="subtle" onClick={discard}>
              {t('details.discard')}
            </Button>
          </Alert>
        )}
        <NativeSelect
          label={t('field.groupId')}
          value={draft.groupId}
          onChange={set('groupId')}
          data={[none, ...(groups.data ?? []).map((g) => ({ value: String(g.id), label: g.name }))]}
          error={fieldError(update.error, 'groupId')}
        />
        <NativeSelect
          label={t('field.assigneeId')}
          value={draft.assigneeId}
          onChange={set('assigneeId')}
          data={[none, ...assigneeOptions.map(([id, name]) => ({ value: String(id), label: name }))]}
          error={fieldError(update.error, 'assigneeId')}
        />
        <NativeSelect
          label={t('field.categoryId')}
          value={draft.categoryId}
          onChange={set('categoryId')}
          data={[
            none,
            ...categoryTreeOrder(categories.data ?? [], lng).map((c) => ({
              value: String(c.category.id),
              label: indent(c.depth, c.label),
            })),
            ...(ticket.category && !categories.data
              ? [{ value: String(ticket.category.id), label: ticket.category.name }]
              : []),
          ]}
          error={fieldError(update.error, 'categoryId')}
        />
        <NativeSelect
          label={t('field.siteId')}
          value={draft.siteId}
          onChange={set('siteId')}
          data={[
            none,
            ...(sites.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name })),
            ...(ticket.site && !sites.data?.items.some((s) => s.id === ticket.site?.id)
              ? [{ value: String(ticket.site.id), label: ticket.site.name }]
              : []),
          ]}
          error={fieldError(update.error, 'siteId')}
        />
        <Group grow>
          <NativeSelect
            label={t('field.impact')}
            value={draft.impact}
            onChange={set('impact')}
            data={levels.map((l) => ({ value: String(l), label: `${l} – ${t(`impact.${l}`)}` }))}
          />
          <NativeSelect
            label={t('field.urgency')}
            value={draft.urgency}
            onChange={set('urgency')}
            data={levels.map((l) => ({ value: String(l), label: `${l} – ${t(`urgency.${l}`)}` }))}
          />
        </Group>
        <ErrorAlert error={update.error} />
        <Group>
          <Button type="submit" disabled={!dirty} loading={update.isPending}>
            {t('details.save')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('details.createdUpdated', {
            created: f.dateTime(ticket.createdAt),
            updated: f.dateTime(ticket.updatedAt),
          })}
        </Text>
      </Stack>
    </Paper>
  );
}
