import type { AgentPolicy, CiClass, Ref } from '@guichet/contracts';
import { Button, Group, NativeSelect, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert';
import { Form } from '../../components/Form';
import { Loading } from '../../components/Loading';
import { api } from '../../lib/api';
import { notify } from '../../lib/notify';
import { entityTreeOrder, indent, useEntities } from '../directory/api';
import { agentKeys, useAgentsMutation } from './api';

type PolicyView = AgentPolicy & { entity: Ref };
// the classes of machines an agent runs on
const classes: CiClass[] = ['workstation', 'laptop', 'server'];

/**
 * Per entity and class of machine: whether a technician may open a session without the user's
 * consent (kiosks, unattended machines), and which services a technician may restart.
 */
export function PoliciesSection() {
  const { t } = useTranslation();
  const entities = useEntities();
  const policies = useQuery({
    queryKey: [...agentKeys.all, 'policies'],
    queryFn: ({ signal }) => api.get<PolicyView[]>('/agents/policies', undefined, { signal }),
  });
  const [entityId, setEntityId] = useState('');
  const [ciClass, setCiClass] = useState<CiClass>('workstation');
  const [unattended, setUnattended] = useState(false);
  const [services, setServices] = useState('');
  const [missing, setMissing] = useState(false);
  const save = useAgentsMutation((body: AgentPolicy) => api.put<PolicyView>('/agents/policies', body));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setMissing(!entityId);
    if (!entityId) return;
    save.mutate(
      {
        entityId: Number(entityId),
        class: ciClass,
        unattended,
        services: services
          .split(/[\s,]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      },
      { onSuccess: () => notify(t('agents.policySaved')) },
    );
  };
  const edit = (p: PolicyView) => {
    setEntityId(String(p.entityId));
    setCiClass(p.class);
    setUnattended(p.unattended);
    setServices(p.services.join(', '));
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="agents-policies-title">
      <Title order={2} fz="h4" id="agents-policies-title">
        {t('agents.policies')}
      </Title>
      <Text size="sm">{t('agents.policiesHelp')}</Text>
      <Stack component={Form} gap="sm" onSubmit={submit}>
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
            error={missing ? t('form.required') : fieldError(save.error, 'entityId')}
          />
          <NativeSelect
            label={t('agents.class')}
            value={ciClass}
            onChange={(e) => setCiClass(e.currentTarget.value as CiClass)}
            data={classes.map((c) => ({ value: c, label: t(`cmdb.class.${c}`) }))}
          />
          <TextInput
            label={t('agents.services')}
            description={t('agents.servicesHelp')}
            value={services}
            onChange={(e) => setServices(e.currentTarget.value)}
            error={fieldError(save.error, 'services')}
          />
        </Group>
        <Switch
          label={t('agents.unattended')}
          description={t('agents.unattendedHelp')}
          checked={unattended}
          onChange={(e) => setUnattended(e.currentTarget.checked)}
        />
        <ErrorAlert error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
      {policies.isPending ? (
        <Loading />
      ) : policies.error ? (
        <ErrorAlert error={policies.error} />
      ) : (
        <Table striped>
          <Table.Caption>{t('agents.policiesCaption', { count: policies.data.length })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('agents.entity')}</Table.Th>
              <Table.Th scope="col">{t('agents.class')}</Table.Th>
              <Table.Th scope="col">{t('agents.unattended')}</Table.Th>
              <Table.Th scope="col">{t('agents.services')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {policies.data.map((p) => (
              <Table.Tr key={`${p.entityId}-${p.class}`}>
                <Table.Td>{p.entity.name}</Table.Td>
                <Table.Td>{t(`cmdb.class.${p.class}`)}</Table.Td>
                <Table.Td>{p.unattended ? t('common.yes') : t('common.no')}</Table.Td>
                <Table.Td>{p.services.join(', ') || '—'}</Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="default" onClick={() => edit(p)}>
                    {t('agents.editPolicy')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
