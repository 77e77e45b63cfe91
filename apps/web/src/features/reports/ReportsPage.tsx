import type { CurrentUser } from '@guichet/contracts';
import { Anchor, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ForbiddenPage } from '../../app/NotFoundPage';
import { PageTitle } from '../../components/PageTitle';
import { useCurrentUser } from '../auth/session';
import { canSeeCockpit, cockpitGrants, entitiesInCockpitScope } from '../cockpit/access';
import { entityTreeOrder, indent, useEntities } from '../directory/api';
import { monthlyReportUrl } from './api';
import { currentMonthInParis, monthProblem, shiftMonth } from './month';
import { SubscriptionsSection } from './SubscriptionsSection';

/** Monthly reports per entity: download (cockpit scope), and their e-mail recipients (administrators). */
export function ReportsPage() {
  const user = useCurrentUser();
  if (!canSeeCockpit(user)) return <ForbiddenPage />;
  return <Reports user={user} />;
}

interface EntityOption {
  id: number;
  name: string;
  depth: number;
}

/** The entities of the cockpit scope: the directory for staff, the grants for observers. */
function useEntityOptions(user: CurrentUser): EntityOption[] | null {
  const entities = useEntities(user.isStaff);
  return useMemo(() => {
    if (!user.isStaff) {
      const seen = new Map(cockpitGrants(user).map((g) => [g.entity.id, g.entity]));
      return [...seen.values()].map((e) => ({ ...e, depth: 0 }));
    }
    if (!entities.data) return entities.error ? [] : null;
    return entityTreeOrder(entitiesInCockpitScope(user, entities.data));
  }, [user, entities.data, entities.error]);
}

function Reports({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const downloadHeading = useId();
  const current = currentMonthInParis();
  const options = useEntityOptions(user);
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const [month, setMonth] = useState(() => shiftMonth(current, -1));
  const entityId = chosen ?? options?.[0]?.id;
  const entity = options?.find((e) => e.id === entityId);
  const problem = monthProblem(month, current);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <PageTitle>{t('reports.title')}</PageTitle>
        <Anchor component={Link} to="/cockpit" size="sm">
          {t('reports.backToCockpit')}
        </Anchor>
        <Text size="sm" c="dark.4">
          {t('reports.intro')}
        </Text>
      </Stack>

      <Paper withBorder p="md" component="section" aria-labelledby={downloadHeading}>
        <Stack gap="sm">
          <Title order={2} fz="h4" id={downloadHeading}>
            {t('reports.download.title')}
          </Title>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <NativeSelect
              label={t('reports.entity')}
              value={entityId === undefined ? '' : String(entityId)}
              onChange={(e) => setChosen(Number(e.currentTarget.value))}
              disabled={options === null || options.length === 0}
              data={(options ?? []).map((e) => ({ value: String(e.id), label: indent(e.depth, e.name) }))}
              w={300}
            />
            <TextInput
              type="month"
              label={t('reports.month')}
              description={t('reports.monthHint')}
              value={month}
              max={current}
              onChange={(e) => setMonth(e.currentTarget.value)}
              error={problem ? t(`reports.monthProblem.${problem}`) : undefined}
              w={200}
            />
          </Group>
          {entityId !== undefined && problem === null ? (
            <Group gap="sm">
              {(['pdf', 'xlsx'] as const).map((format) => (
                <Button
                  key={format}
                  component="a"
                  href={monthlyReportUrl(entityId, month, format)}
                  download
                  variant={format === 'pdf' ? 'filled' : 'default'}
                  leftSection={<IconDownload size={16} aria-hidden />}
                  aria-label={t('reports.download.label', {
                    format: format.toUpperCase(),
                    entity: entity?.name ?? '',
                    month,
                  })}
                >
                  {t(`reports.download.${format}`)}
                </Button>
              ))}
            </Group>
          ) : null}
          {month === current ? (
            <Text size="sm" c="dark.4">
              {t('reports.currentMonthNote')}
            </Text>
          ) : null}
        </Stack>
      </Paper>

      {user.isAdmin && entity ? <SubscriptionsSection entity={entity} /> : null}
    </Stack>
  );
}
