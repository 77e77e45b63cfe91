import type { EnrolmentTokenCreated } from '@guichet/contracts';
import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { Loading } from '../../components/Loading';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notify } from '../../lib/notify';
import { entityTreeOrder, indent, useEntities } from '../directory/api';
import { createToken, useAgents, useAgentsMutation, useEnrolmentTokens } from './api';
import { PoliciesSection } from './PoliciesSection';

/** The token, shown once, with the command that enrols a workstation. */
/** "Révoquer" in a row; `label` names what it revokes for screen readers. */
function RevokeButton({ label, onClick }: { label: string; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button size="compact-sm" variant="default" color="red" aria-label={label} onClick={onClick}>
      {t('agents.revoke')}
    </Button>
  );
}

function TokenNotice({ token, onClose }: { token: EnrolmentTokenCreated; onClose: () => void }) {
  const { t } = useTranslation();
  const command = `npm run agent -- enrol --server ${window.location.origin} --token ${token.token}`;
  return (
    <Alert color="yellow" title={t('agents.tokenOnceTitle', { label: token.label })}>
      <Stack gap="xs">
        <Text size="sm">{t('agents.tokenOnce')}</Text>
        <Code block aria-label={t('agents.enrolCommand')}>
          {command}
        </Code>
        <Group>
          <CopyButton value={command}>
            {({ copied, copy }) => (
              <Button size="compact-sm" variant="default" onClick={copy}>
                {copied ? t('agents.copied') : t('agents.copy')}
              </Button>
            )}
          </CopyButton>
          <Button size="compact-sm" variant="subtle" onClick={onClose}>
            {t('agents.tokenDone')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function TokenForm({ onCreated }: { onCreated: (t: EnrolmentTokenCreated) => void }) {
  const { t } = useTranslation();
  const entities = useEntities();
  const [entityId, setEntityId] = useState('');
  const [label, setLabel] = useState('');
  const [hours, setHours] = useState<number | string>(24);
  const [uses, setUses] = useState<number | string>(1);
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const create = useAgentsMutation(createToken);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const m = { entityId: !entityId, label: !label.trim() };
    setMissing(m);
    if (m.entityId || m.label) return;
    create.mutate(
      {
        entityId: Number(entityId),
        label: label.trim(),
        expiresInHours: Number(hours),
        maxUses: Number(uses),
      },
      {
        onSuccess: (created) => {
          setLabel('');
          onCreated(created);
        },
      },
    );
  };
  return (
    <Stack component={Form} gap="sm" onSubmit={submit} aria-labelledby="agents-new-token">
      <Title order={3} fz="h5" id="agents-new-token">
        {t('agents.newToken')}
      </Title>
      <Group align="flex-start" grow>
        <NativeSelect
          label={t('agents.entity')}
          required
          value={entityId}
          onChange={(e) => setEntityId(e.currentTarget.value)}
          data={[
            { value: '', label: t('common.choose') },
            ...entityTreeOrder(entities.data ?? []).map((en) => ({
              value: String(en.id),
              label: indent(en.depth, en.name),
            })),
          ]}
          error={missing.entityId ? t('form.required') : fieldError(create.error, 'entityId')}
        />
        <TextInput
          label={t('agents.label')}
          description={t('agents.labelHelp')}
          required
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          error={missing.label ? t('form.required') : fieldError(create.error, 'label')}
        />
        <NumberInput
          label={t('agents.expiresInHours')}
          min={1}
          max={744}
          value={hours}
          onChange={setHours}
          error={fieldError(create.error, 'expiresInHours')}
        />
        <NumberInput
          label={t('agents.maxUses')}
          min={1}
          max={10000}
          value={uses}
          onChange={setUses}
          error={fieldError(create.error, 'maxUses')}
        />
      </Group>
      <ErrorAlert error={create.error} />
      <Group>
        <Button type="submit" loading={create.isPending}>
          {t('agents.createToken')}
        </Button>
      </Group>
    </Stack>
  );
}

function TokensSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const tokens = useEnrolmentTokens();
  const [created, setCreated] = useState<EnrolmentTokenCreated | null>(null);
  const revoke = useAgentsMutation((id: number) => api.post(`/agents/enrolment-tokens/${id}/revoke`));
  return (
    <Stack gap="sm" component="section" aria-labelledby="agents-tokens-title">
      <Title order={2} fz="h4" id="agents-tokens-title">
        {t('agents.tokens')}
      </Title>
      {created && <TokenNotice token={created} onClose={() => setCreated(null)} />}
      <TokenForm onCreated={setCreated} />
      <ErrorAlert error={revoke.error} />
      {tokens.isPending ? (
        <Loading />
      ) : tokens.error ? (
        <ErrorAlert error={tokens.error} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Caption>{t('agents.tokensCaption', { count: tokens.data.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('agents.label')}</Table.Th>
                <Table.Th scope="col">{t('agents.entity')}</Table.Th>
                <Table.Th scope="col">{t('agents.uses')}</Table.Th>
                <Table.Th scope="col">{t('agents.expiresAt')}</Table.Th>
                <Table.Th scope="col">{t('agents.state')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((tk) => (
                <Table.Tr key={tk.id}>
                  <Table.Td>{tk.label}</Table.Td>
                  <Table.Td>{tk.entity.name}</Table.Td>
                  <Table.Td>
                    {tk.uses} / {tk.maxUses}
                  </Table.Td>
                  <Table.Td>{f.dateTime(tk.expiresAt)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={tk.usable ? 'green' : 'gray'} tt="none">
                      {tk.revokedAt
                        ? t('agents.revoked')
                        : tk.usable
                          ? t('agents.usable')
                          : t('agents.spent')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {!tk.revokedAt && (
                      <RevokeButton
                        label={t('agents.revokeTokenOf', { label: tk.label })}
                        onClick={() =>
                          revoke.mutate(tk.id, { onSuccess: () => notify(t('agents.tokenRevoked')) })
                        }
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function AgentsSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useAgents();
  const revoke = useAgentsMutation((id: number) => api.post(`/agents/${id}/revoke`));
  return (
    <Stack gap="sm" component="section" aria-labelledby="agents-list-title">
      <Title order={2} fz="h4" id="agents-list-title">
        {t('agents.agents')}
      </Title>
      <ErrorAlert error={revoke.error} />
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Caption>{t('agents.agentsCaption', { count: list.data.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('agents.hostname')}</Table.Th>
                <Table.Th scope="col">{t('agents.entity')}</Table.Th>
                <Table.Th scope="col">{t('agents.item')}</Table.Th>
                <Table.Th scope="col">{t('agents.lastSeen')}</Table.Th>
                <Table.Th scope="col">{t('agents.state')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.hostname}</Table.Td>
                  <Table.Td>{a.entity.name}</Table.Td>
                  <Table.Td>
                    {a.item ? <Link to={`/cmdb/items/${a.item.id}`}>{a.item.name}</Link> : '—'}
                  </Table.Td>
                  <Table.Td>{a.lastSeenAt ? f.dateTime(a.lastSeenAt) : '—'}</Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={a.revokedAt ? 'gray' : a.online ? 'green' : 'orange'}
                      tt="none"
                    >
                      {a.revokedAt
                        ? t('agents.revoked')
                        : a.online
                          ? t('agents.online')
                          : t('agents.offline')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {!a.revokedAt && (
                      <RevokeButton
                        label={t('agents.revokeAgentOf', { hostname: a.hostname })}
                        onClick={() =>
                          revoke.mutate(a.id, { onSuccess: () => notify(t('agents.agentRevoked')) })
                        }
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** Admin tab: enrolment tokens, enrolled agents, unattended-access and service policies. */
export function AgentsTab() {
  return (
    <Stack gap="xl">
      <TokensSection />
      <AgentsSection />
      <PoliciesSection />
    </Stack>
  );
}
