import type { AgentDiagnostic, AgentSessionCreated } from '@guichet/contracts';
import { Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../lib/format';
import { useItemAgent, useStartSession } from './api';
import { SessionDialog } from './SessionDialog';

const diagnostics: Exclude<AgentDiagnostic, 'restart_service'>[] = ['network', 'disk', 'processes'];
const GIB = 1024 ** 3;

/**
 * The workstation agent of a CMDB item: online or not, last inventory, a terminal and the predefined
 * diagnostics. Opened from a ticket (`ticketNumber`), what runs is recorded in the ticket's history.
 * Renders nothing for an item without an agent.
 */
export function ItemAgentPanel({ ciId, ticketNumber }: { ciId: number; ticketNumber?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const data = useItemAgent(ciId);
  const start = useStartSession();
  const [service, setService] = useState('');
  const [open, setOpen] = useState<AgentSessionCreated | null>(null);
  const agent = data.data?.agent;
  if (!agent) return null;
  const hw = data.data?.hardware;
  const headingId = `agent-panel-${ciId}`;
  const run = (kind: 'terminal' | 'diagnostic', diagnostic?: AgentDiagnostic) =>
    start.mutate(
      {
        agentId: agent.id,
        kind,
        diagnostic,
        service: diagnostic === 'restart_service' ? service : undefined,
        ticketNumber,
      },
      { onSuccess: setOpen },
    );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group gap="sm">
          <Title order={2} fz="h4" id={headingId}>
            {ticketNumber ? t('agents.panelTitleOf', { hostname: agent.hostname }) : t('agents.panelTitle')}
          </Title>
          <Badge variant="light" color={agent.online ? 'green' : 'orange'} tt="none">
            {agent.online ? t('agents.online') : t('agents.offline')}
          </Badge>
        </Group>
        <Text size="sm">
          {t('agents.lastInventory', {
            date: agent.lastInventoryAt ? f.dateTime(agent.lastInventoryAt) : '—',
          })}
          {agent.loggedInUser && ` · ${t('agents.loggedIn', { user: agent.loggedInUser })}`}
        </Text>
        {hw && (
          <Table variant="vertical" withTableBorder maw={640}>
            <Table.Caption>{t('agents.hardware')}</Table.Caption>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row">{t('agents.cpu')}</Table.Th>
                <Table.Td>
                  {hw.cpu.brand || '—'} ({t('agents.cores', { count: hw.cpu.cores })})
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('agents.memory')}</Table.Th>
                <Table.Td>
                  {hw.memoryBytes ? `${f.number(Math.round(hw.memoryBytes / GIB))} Gio` : '—'}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('agents.os')}</Table.Th>
                <Table.Td>
                  {[hw.os.distro, hw.os.release, hw.os.arch].filter(Boolean).join(' ') || '—'}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('agents.disks')}</Table.Th>
                <Table.Td>
                  {hw.disks
                    .map((d) => `${d.mount ?? d.name} ${f.fileSize(d.sizeBytes)}`)
                    .slice(0, 6)
                    .join(', ') || '—'}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('agents.network')}</Table.Th>
                <Table.Td>
                  {hw.network.map((n) => `${n.iface} ${n.ip4 || n.ip6}`.trim()).join(', ') || '—'}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('agents.software')}</Table.Th>
                <Table.Td>{t('agents.softwareCount', { count: data.data?.softwareCount ?? 0 })}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        )}
        <Group gap="xs">
          <Button
            size="compact-sm"
            disabled={!agent.terminal}
            onClick={() => run('terminal')}
            loading={start.isPending}
          >
            {t('agents.openTerminal')}
          </Button>
          {diagnostics.map((d) => (
            <Button
              key={d}
              size="compact-sm"
              variant="default"
              disabled={!agent.online}
              onClick={() => run('diagnostic', d)}
            >
              {t(`agents.diagnostic.${d}`)}
            </Button>
          ))}
        </Group>
        {(data.data?.services.length ?? 0) > 0 && (
          <Group gap="xs" align="flex-end">
            <NativeSelect
              size="xs"
              label={t('agents.serviceToRestart')}
              value={service}
              onChange={(e) => setService(e.currentTarget.value)}
              data={[
                { value: '', label: t('common.choose') },
                ...(data.data?.services ?? []).map((s) => ({ value: s, label: s })),
              ]}
            />
            <Button
              size="compact-sm"
              variant="default"
              disabled={!agent.online || !service}
              onClick={() => run('diagnostic', 'restart_service')}
            >
              {t('agents.diagnostic.restart_service')}
            </Button>
          </Group>
        )}
        {!agent.online && <Text size="sm">{t('agents.offlineHelp')}</Text>}
        {data.data?.unattended && <Text size="sm">{t('agents.unattendedOn')}</Text>}
        <ErrorAlert error={start.error ?? data.error} />
        {open && <SessionDialog created={open} onClose={() => setOpen(null)} />}
      </Stack>
    </Paper>
  );
}
