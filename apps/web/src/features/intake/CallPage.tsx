import type { Person, Ticket, TicketCreate, TicketType } from '@guichet/contracts';
import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCircleCheck, IconPhone } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PriorityBadge, StatusBadge } from '../../components/Badges';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { PageTitle } from '../../components/PageTitle';
import { levels, type ResolutionCode, ticketStatuses } from '../../lib/enums';
import { useFormat } from '../../lib/format';
import { notify } from '../../lib/notify';
import { linkItemsToTicket } from '../cmdb/api';
import { CallerEquipment } from '../cmdb/CallerEquipment';
import { categoryTreeOrder, indent, useCategories, useSettings, useSites } from '../directory/api';
import { PersonPicker } from '../directory/PersonPicker';
import { idempotencyKey, useCreateTicket, useTicketList } from '../tickets/api';
import { ResolutionCodeSelect } from '../tickets/ResolutionCodeSelect';

function CallerCard({ person, onChange }: { person: Person; onChange: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const recent = useTicketList({
    requester: person.id,
    limit: 5,
    sort: '-createdAt',
    status: ticketStatuses,
  });
  const items = recent.data?.pages[0]?.items ?? [];
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} fz="h4">
              {person.name}
            </Title>
            {!person.active && (
              <Text size="sm" c="red.9" fw={600}>
                {t('call.inactive')}
              </Text>
            )}
          </div>
          <Button size="xs" variant="default" onClick={onChange}>
            {t('call.changeCaller')}
          </Button>
        </Group>
        <Stack component="dl" gap={4} m={0}>
          <Text component="dt" size="sm" fw={600}>
            {t('field.entity')}
          </Text>
          <Text component="dd" size="sm" m={0}>
            {person.entity.name}
          </Text>
          <Text component="dt" size="sm" fw={600}>
            {t('field.siteId')}
          </Text>
          <Text component="dd" size="sm" m={0}>
            {person.site?.name ?? t('common.none')}
          </Text>
          <Text component="dt" size="sm" fw={600}>
            {t('field.phone')}
          </Text>
          <Text component="dd" size="sm" m={0}>
            {person.phone ? <Anchor href={`tel:${person.phone}`}>{person.phone}</Anchor> : t('common.none')}
          </Text>
          <Text component="dt" size="sm" fw={600}>
            {t('field.email')}
          </Text>
          <Text component="dd" size="sm" m={0}>
            <Anchor href={`mailto:${person.email}`}>{person.email}</Anchor>
          </Text>
        </Stack>
        <Title order={3} fz="h5" mt="xs">
          {t('call.recent')}
        </Title>
        {recent.isPending ? (
          <Text size="sm">{t('common.loading')}</Text>
        ) : recent.error ? (
          <ErrorAlert error={recent.error} />
        ) : items.length === 0 ? (
          <Text size="sm">{t('call.noRecent')}</Text>
        ) : (
          <Stack component="ul" gap={6} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {items.map((tk) => (
              <li key={tk.id}>
                <Anchor component={Link} to={`/desk/tickets/${tk.number}`} size="sm" ff="monospace">
                  {tk.number}
                </Anchor>{' '}
                <Text span size="sm">
                  {tk.title}
                </Text>
                <Group gap={4} mt={2}>
                  <StatusBadge status={tk.status} />
                  <PriorityBadge priority={tk.priority} />
                  <Text span size="xs" c="dimmed">
                    {f.dateTime(tk.createdAt)}
                  </Text>
                </Group>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

interface CallDraft {
  type: TicketType;
  title: string;
  description: string;
  categoryId: string;
  siteId: string;
  impact: string;
  urgency: string;
  resolutionCode: ResolutionCode | '';
  resolutionNotes: string;
}

const emptyDraft = (person: Person | null): CallDraft => ({
  type: 'incident',
  title: '',
  description: '',
  categoryId: '',
  siteId: person?.site ? String(person.site.id) : '',
  impact: '3',
  urgency: '3',
  resolutionCode: '',
  resolutionNotes: '',
});

/** Phone intake: find the caller, see their recent tickets, log the call or resolve it at once. */
export function CallPage() {
  const { t, i18n } = useTranslation();
  const [caller, setCaller] = useState<Person | null>(null);
  const [draft, setDraft] = useState<CallDraft>(emptyDraft(null));
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const [created, setCreated] = useState<Ticket | null>(null);
  const [resolving, setResolving] = useState(false);
  // set in the click itself (not when the mutation reports it) so the caller panel locks at once
  const [saving, setSaving] = useState(false);
  // the caller's items ticked to be linked to the ticket once it is created
  const [linkItems, setLinkItems] = useState<number[]>([]);
  const keyRef = useRef(idempotencyKey());
  const create = useCreateTicket();
  const categories = useCategories();
  const sites = useSites({ entity: caller?.entity.id }, Boolean(caller));
  const settings = useSettings();
  const successRef = useRef<HTMLDivElement>(null);

  const selectCaller = (p: Person) => {
    setCaller(p);
    setLinkItems([]);
    setDraft((d) => ({ ...d, siteId: p.site ? String(p.site.id) : '' }));
    setCreated(null);
  };
  const set =
    (k: keyof CallDraft) =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
      const value = e.currentTarget.value;
      setDraft((d) => ({ ...d, [k]: value }));
    };

  const submit = (resolveNow: boolean) => {
    if (!caller) return;
    const m: Record<string, boolean> = { title: !draft.title.trim() };
    if (resolveNow) {
      m.resolutionCode = !draft.resolutionCode;
      m.resolutionNotes = !draft.resolutionNotes.trim();
    }
    setMissing(m);
    if (Object.values(m).some(Boolean)) return;
    const body: TicketCreate = {
      type: draft.type,
      title: draft.title.trim(),
      description: draft.description.trim(),
      channel: 'phone',
      requesterId: caller.id,
      categoryId: draft.categoryId ? Number(draft.categoryId) : null,
      siteId: draft.siteId ? Number(draft.siteId) : null,
      impact: Number(draft.impact),
      urgency: Number(draft.urgency),
      ...(resolveNow
        ? {
            resolveNow: {
              resolutionCode: draft.resolutionCode as ResolutionCode,
              resolutionNotes: draft.resolutionNotes.trim(),
            },
          }
        : {}),
    };
    setSaving(true);
    create.mutate(
      { body, key: keyRef.current },
      {
        onSettled: () => setSaving(false),
        onSuccess: (tk) => {
          if (linkItems.length > 0)
            linkItemsToTicket(tk.number, linkItems).catch(() =>
              notify(t('cmdb.caller.linkFailed', { number: tk.number }), 'red'),
            );
          setLinkItems([]);
          // the screen is ready for the next call; the banner keeps the link to what was logged
          setCreated(tk);
          keyRef.current = idempotencyKey();
          setCaller(null);
          setResolving(false);
          setDraft(emptyDraft(null));
          setMissing({});
          setTimeout(() => successRef.current?.focus(), 0);
        },
      },
    );
  };

  const newCall = () => {
    setCaller(null);
    setLinkItems([]);
    setCreated(null);
    setResolving(false);
    setDraft(emptyDraft(null));
    create.reset();
    setSaving(false);
  };

  const lng = i18n.language === 'en' ? 'en' : 'fr';
  const matrixPriority = settings.data?.priorityMatrix[`${draft.impact}-${draft.urgency}`];

  return (
    <Stack gap="md">
      <PageTitle focusOnNavigate={false}>{t('call.title')}</PageTitle>

      {created && (
        <Alert
          ref={successRef}
          tabIndex={-1}
          role="status"
          color="green"
          variant="light"
          icon={<IconCircleCheck aria-hidden />}
          title={created.status === 'resolved' ? t('call.resolvedTitle') : t('call.createdTitle')}
        >
          <Group gap="sm">
            <Text>
              {t('call.createdText')}{' '}
              <Anchor component={Link} to={`/desk/tickets/${created.number}`} fw={700} ff="monospace">
                {created.number}
              </Anchor>
            </Text>
            <Button size="xs" variant="default" onClick={newCall}>
              {t('call.newCall')}
            </Button>
          </Group>
        </Alert>
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md" inert={saving} aria-hidden={saving || undefined}>
            {caller ? (
              <>
                <CallerCard
                  person={caller}
                  onChange={() => {
                    setCaller(null);
                    setLinkItems([]);
                  }}
                />
                <Paper withBorder p="md">
                  <CallerEquipment
                    personId={caller.id}
                    selected={linkItems}
                    onToggle={(itemId, checked) =>
                      setLinkItems((ids) => (checked ? [...ids, itemId] : ids.filter((i) => i !== itemId)))
                    }
                  />
                </Paper>
              </>
            ) : (
              <Paper withBorder p="md">
                <PersonPicker
                  label={t('call.search')}
                  description={t('call.searchHint')}
                  onSelect={selectCaller}
                  autoFocus
                />
              </Paper>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="md">
            <Stack
              component={Form}
              gap="sm"
              onSubmit={(e: React.FormEvent) => {
                e.preventDefault();
                submit(false);
              }}
            >
              <Title order={2} fz="h4">
                <Group gap={6} component="span">
                  <IconPhone size={18} aria-hidden />
                  {t('call.formTitle')}
                </Group>
              </Title>
              {!caller && <Text size="sm">{t('call.pickFirst')}</Text>}
              <fieldset disabled={!caller} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
                <Stack gap="sm">
                  <Radio.Group
                    label={t('field.type')}
                    value={draft.type}
                    onChange={(v) => setDraft((d) => ({ ...d, type: v as TicketType }))}
                  >
                    <Group gap="lg" mt={4}>
                      <Radio value="incident" label={t('ticketType.incident')} />
                      <Radio value="request" label={t('ticketType.request')} />
                    </Group>
                  </Radio.Group>
                  <TextInput
                    label={t('field.title')}
                    required
                    maxLength={200}
                    value={draft.title}
                    onChange={set('title')}
                    error={missing.title ? t('form.titleRequired') : fieldError(create.error, 'title')}
                  />
                  <Textarea
                    label={t('field.description')}
                    autosize
                    minRows={3}
                    maxRows={10}
                    value={draft.description}
                    onChange={set('description')}
                    error={fieldError(create.error, 'description')}
                  />
                  <Group grow align="flex-start">
                    <NativeSelect
                      label={t('field.categoryId')}
                      value={draft.categoryId}
                      onChange={set('categoryId')}
                      data={[
                        { value: '', label: t('common.none') },
                        ...categoryTreeOrder(categories.data ?? [], lng).map((c) => ({
                          value: String(c.category.id),
                          label: indent(c.depth, c.label),
                        })),
                      ]}
                      error={fieldError(create.error, 'categoryId')}
                    />
                    <NativeSelect
                      label={t('field.siteId')}
                      value={draft.siteId}
                      onChange={set('siteId')}
                      data={[
                        { value: '', label: t('common.none') },
                        ...(sites.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name })),
                        ...(caller?.site && !sites.data?.items.some((s) => s.id === caller.site?.id)
                          ? [{ value: String(caller.site.id), label: caller.site.name }]
                          : []),
                      ]}
                      error={fieldError(create.error, 'siteId')}
                    />
                  </Group>
                  <Group grow align="flex-end">
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
                    <div>
                      {matrixPriority !== undefined && (
                        <Text size="sm">
                          {t('call.priorityPreview')} <PriorityBadge priority={matrixPriority} />
                        </Text>
                      )}
                    </div>
                  </Group>

                  <ErrorAlert error={create.error} showFields />
                  <Group gap="sm">
                    <Button type="submit" loading={create.isPending && !create.variables?.body.resolveNow}>
                      {t('call.save')}
                    </Button>
                    <Button
                      type="button"
                      variant={resolving ? 'filled' : 'light'}
                      color="confirm"
                      aria-expanded={resolving}
                      aria-controls="first-contact"
                      onClick={() => {
                        setResolving((r) => !r);
                        setMissing({});
                      }}
                    >
                      {t('call.resolveNow')}
                    </Button>
                  </Group>

                  {resolving && (
                    <Paper withBorder p="sm" bg="gray.0" id="first-contact">
                      <Stack gap="xs">
                        <Title order={3} fz="h5">
                          {t('call.firstContact')}
                        </Title>
                        <Text size="sm">{t('call.firstContactHint')}</Text>
                        <ResolutionCodeSelect
                          required
                          value={draft.resolutionCode}
                          onChange={(v) => setDraft((d) => ({ ...d, resolutionCode: v }))}
                          error={
                            missing.resolutionCode
                              ? t('actions.codeRequired')
                              : fieldError(create.error, 'resolveNow.resolutionCode')
                          }
                        />
                        <Textarea
                          label={t('field.resolutionNotes')}
                          required
                          autosize
                          minRows={2}
                          value={draft.resolutionNotes}
                          onChange={set('resolutionNotes')}
                          error={
                            missing.resolutionNotes
                              ? t('actions.notesRequired')
                              : fieldError(create.error, 'resolveNow.resolutionNotes')
                          }
                        />
                        <Group>
                          <Button
                            type="button"
                            color="confirm"
                            onClick={() => submit(true)}
                            loading={create.isPending && Boolean(create.variables?.body.resolveNow)}
                          >
                            {t('call.firstContactSubmit')}
                          </Button>
                        </Group>
                      </Stack>
                    </Paper>
                  )}
                </Stack>
              </fieldset>
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
