import type { Ci, CiEvent } from '@guichet/contracts';
import { Anchor, Badge, Button, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconPencil } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { StatusBadge } from '../../components/Badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { isApiError } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notify } from '../../lib/notify';
import { ItemAgentPanel } from '../agents/ItemAgentPanel';
import { useCi, useCiEvents, useCiTickets } from './api';
import { attributeFields } from './attributes';
import { CiForm } from './CiForm';
import { CiGraphView } from './CiGraphView';
import { CiStatusBadge } from './CiStatusBadge';
import { ImpactPanel } from './ImpactPanel';
import { RelationsPanel } from './RelationsPanel';

/** One configuration item: details, attributes, relations and their graph, impact analysis, tickets, history. */
export function CiPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const ci = useCi(Number.isInteger(id) ? id : 0);
  const [editing, setEditing] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);

  const back = (
    <Anchor component={Link} to="/cmdb" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden />
        {t('cmdb.item.back')}
      </Group>
    </Anchor>
  );

  if (!Number.isInteger(id) || id <= 0 || ci.error) {
    const notFound = !Number.isInteger(id) || id <= 0 || (isApiError(ci.error) && ci.error.status === 404);
    return (
      <Stack>
        <PageTitle>{notFound ? t('cmdb.item.notFound') : t('cmdb.item.loadError')}</PageTitle>
        {!notFound && <ErrorAlert error={ci.error} />}
        {back}
      </Stack>
    );
  }
  if (ci.isPending || !ci.data) return <Loading />;
  const item = ci.data;

  const closeForm = () => {
    setEditing(false);
    setTimeout(() => editRef.current?.focus(), 0);
  };

  return (
    <Stack gap="md">
      {back}
      <Stack gap={6}>
        <PageTitle documentTitle={`${item.name} – ${t(`cmdb.class.${item.class}`)}`}>{item.name}</PageTitle>
        <Group gap="xs">
          <Badge color="gray" tt="none">
            {t(`cmdb.class.${item.class}`)}
          </Badge>
          <CiStatusBadge status={item.status} />
          {item.can.update && !editing && (
            <Button
              ref={editRef}
              size="xs"
              variant="light"
              leftSection={<IconPencil size={14} aria-hidden />}
              onClick={() => setEditing(true)}
            >
              {t('cmdb.item.edit')}
            </Button>
          )}
        </Group>
      </Stack>

      {editing && (
        <Paper withBorder p="md">
          <CiForm
            ci={item}
            key={item.id}
            onCancel={closeForm}
            onDone={() => {
              notify(t('cmdb.form.saved'));
              closeForm();
            }}
          />
        </Paper>
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Details item={item} />
            <Attributes item={item} />
            {/* the workstation agent's panel (renders nothing without an agent) */}
            {['workstation', 'laptop', 'server'].includes(item.class) && <ItemAgentPanel ciId={item.id} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Paper withBorder p="md">
              <RelationsPanel id={item.id} name={item.name} editable={item.can.update} />
            </Paper>
            <Paper withBorder p="md">
              <CiGraphView id={item.id} name={item.name} />
            </Paper>
            <Paper withBorder p="md">
              <ImpactPanel key={item.id} id={item.id} name={item.name} />
            </Paper>
            <Paper withBorder p="md">
              <ItemTickets id={item.id} name={item.name} />
            </Paper>
            <Paper withBorder p="md">
              <ItemHistory id={item.id} item={item} />
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} mb={4}>
        {children}
      </Text>
    </>
  );
}

function Details({ item }: { item: Ci }) {
  const { t } = useTranslation();
  const f = useFormat();
  const none = t('common.none');
  return (
    <Paper withBorder p="md">
      <Title order={2} fz="h4" mb="xs">
        {t('cmdb.item.details')}
      </Title>
      <Stack component="dl" gap={0} m={0}>
        <Row label={t('cmdb.field.class')}>{t(`cmdb.class.${item.class}`)}</Row>
        <Row label={t('cmdb.field.status')}>{t(`cmdb.status.${item.status}`)}</Row>
        <Row label={t('cmdb.field.entity')}>{item.entity.name}</Row>
        <Row label={t('cmdb.field.site')}>{item.site?.name ?? none}</Row>
        <Row label={t('cmdb.field.owner')}>{item.owner?.name ?? none}</Row>
        <Row label={t('cmdb.field.serialNumber')}>{item.serialNumber ?? none}</Row>
        <Row label={t('cmdb.field.inventoryNumber')}>{item.inventoryNumber ?? none}</Row>
        <Row label={t('cmdb.field.hostname')}>{item.hostname ?? none}</Row>
        <Row label={t('cmdb.field.usedBy')}>
          {item.usedBy.length === 0 ? none : item.usedBy.map((e) => e.name).join(', ')}
        </Row>
        <Row label={t('cmdb.field.createdAt')}>
          <time dateTime={item.createdAt}>{f.dateTime(item.createdAt)}</time>
        </Row>
        <Row label={t('cmdb.field.updatedAt')}>
          <time dateTime={item.updatedAt}>{f.dateTime(item.updatedAt)}</time>
        </Row>
      </Stack>
    </Paper>
  );
}

/** An attribute value in words (enums and booleans translated, dates and numbers formatted). */
export function useAttributeText() {
  const { t } = useTranslation();
  const f = useFormat();
  return (cls: Ci['class'], key: string, value: unknown): string => {
    const field = attributeFields(cls).find(([k]) => k === key)?.[1];
    if (value === null || value === undefined || value === '') return t('common.none');
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (field?.kind === 'enum')
      return t(`cmdb.attrValue.${key}.${String(value)}`, { defaultValue: String(value) });
    if (field?.kind === 'date' && typeof value === 'string') return f.date(value);
    if (typeof value === 'number') return f.number(value);
    return String(value);
  };
}

function Attributes({ item }: { item: Ci }) {
  const { t } = useTranslation();
  const text = useAttributeText();
  const fields = attributeFields(item.class);
  return (
    <Paper withBorder p="md">
      <Title order={2} fz="h4" mb="xs">
        {t('cmdb.item.attributes')}
      </Title>
      {fields.length === 0 ? (
        <Text size="sm">{t('cmdb.item.noAttributes')}</Text>
      ) : (
        <Stack component="dl" gap={0} m={0}>
          {fields.map(([key]) => (
            <Row key={key} label={t(`cmdb.attr.${key}`)}>
              {text(item.class, key, item.attributes[key])}
            </Row>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function ItemTickets({ id, name }: { id: number; name: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const tickets = useCiTickets(id);
  return (
    <section aria-labelledby="ci-tickets-title">
      <Title order={2} fz="h4" mb="sm" id="ci-tickets-title">
        {t('cmdb.tickets.title')}
      </Title>
      {tickets.isPending ? (
        <Loading />
      ) : tickets.error ? (
        <ErrorAlert error={tickets.error} />
      ) : (tickets.data ?? []).length === 0 ? (
        <Text size="sm">{t('cmdb.tickets.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing={4}>
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
              {t('cmdb.tickets.caption', { name, count: tickets.data?.length ?? 0 })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('field.number')}</Table.Th>
                <Table.Th scope="col">{t('field.title')}</Table.Th>
                <Table.Th scope="col">{t('field.status')}</Table.Th>
                <Table.Th scope="col">{t('field.createdAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(tickets.data ?? []).map((tk) => (
                <Table.Tr key={tk.number}>
                  <Table.Td>
                    <Anchor component={Link} to={`/desk/tickets/${tk.number}`} ff="monospace" size="sm">
                      {tk.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{tk.title}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={tk.status} />
                  </Table.Td>
                  <Table.Td>
                    <time dateTime={tk.createdAt}>{f.dateTime(tk.createdAt)}</time>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}

function ItemHistory({ id, item }: { id: number; item: Ci }) {
  const { t } = useTranslation();
  const f = useFormat();
  const events = useCiEvents(id);
  const text = useAttributeText();

  const value = (key: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return t('common.none');
    if (key === 'status' && typeof v === 'string') return t(`cmdb.status.${v}`, { defaultValue: v });
    if (key === 'class' && typeof v === 'string') return t(`cmdb.class.${v}`, { defaultValue: v });
    if (key === 'kind' && typeof v === 'string') return t(`cmdb.relationKind.${v}`, { defaultValue: v });
    if (key.startsWith('attributes.')) return text(item.class, key.slice('attributes.'.length), v);
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (Array.isArray(v)) return v.map((x) => value('', x)).join(', ') || t('common.none');
    if (typeof v === 'object' && v !== null && 'name' in v) return String((v as { name: unknown }).name);
    if (typeof v === 'object' && v !== null && 'source' in v && 'target' in v && 'kind' in v) {
      const r = v as { kind: string; source: { name: string }; target: { name: string } };
      return `${r.source.name} ${t(`cmdb.relationKind.${r.kind}`, { defaultValue: r.kind })} ${r.target.name}`;
    }
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };
  const fieldLabel = (key: string) => {
    if (key.startsWith('attributes.')) return t(`cmdb.attr.${key.slice(11)}`, { defaultValue: key });
    return t(`cmdb.field.${key}`, { defaultValue: t(`cmdb.history.field.${key}`, { defaultValue: key }) });
  };
  const changes = (e: CiEvent) =>
    Object.entries(e.changes).flatMap(([key, c]) => {
      // attributes may come as one object: list each attribute that changed
      if (key === 'attributes' && c.from && c.to && typeof c.from === 'object' && typeof c.to === 'object') {
        const from = c.from as Record<string, unknown>;
        const to = c.to as Record<string, unknown>;
        return [...new Set([...Object.keys(from), ...Object.keys(to)])]
          .filter((k) => JSON.stringify(from[k]) !== JSON.stringify(to[k]))
          .map((k) => ({ key: `attributes.${k}`, from: from[k], to: to[k] }));
      }
      return [{ key, from: c.from, to: c.to }];
    });

  return (
    <section aria-labelledby="ci-history-title">
      <Title order={2} fz="h4" mb="sm" id="ci-history-title">
        {t('cmdb.history.title')}
      </Title>
      {events.isPending ? (
        <Loading />
      ) : events.error ? (
        <ErrorAlert error={events.error} />
      ) : (events.data ?? []).length === 0 ? (
        <Text size="sm">{t('cmdb.history.none')}</Text>
      ) : (
        <Stack component="ol" gap="xs" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {(events.data ?? []).map((e) => (
            <li key={e.id}>
              <Text size="sm">
                <Text span fw={600} size="sm">
                  {t(`cmdb.history.kind.${e.kind}`)}
                </Text>{' '}
                {t('cmdb.history.by', { name: e.actor?.name ?? t('cmdb.history.system') })}{' '}
                <Text span c="dimmed" size="sm">
                  <time dateTime={e.at}>{f.dateTime(e.at)}</time>
                </Text>
              </Text>
              {changes(e).length > 0 && (
                <Stack component="ul" gap={0} pl="md" m={0}>
                  {changes(e).map((c) => (
                    <Text component="li" size="sm" key={c.key}>
                      {fieldLabel(c.key)} :{' '}
                      {c.from === null || c.from === undefined
                        ? value(c.key, c.to)
                        : `${value(c.key, c.from)} → ${value(c.key, c.to)}`}
                    </Text>
                  ))}
                </Stack>
              )}
            </li>
          ))}
        </Stack>
      )}
    </section>
  );
}
