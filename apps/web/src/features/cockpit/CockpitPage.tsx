import '@mantine/charts/styles.css';
import './cockpit.css';
import type { CurrentUser } from '@guichet/contracts';
import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ForbiddenPage } from '../../app/NotFoundPage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { isApiError } from '../../lib/api';
import { useCurrentUser } from '../auth/session';
import { entityTreeOrder, useEntities } from '../directory/api';
import { canSeeCockpit, cockpitGrants, entitiesInCockpitScope } from './access';
import { type CockpitFilter, useCockpitNow, useCockpitPeriod } from './api';
import { CockpitSelectionContext } from './CockpitContext';
import { CockpitFilters, type EntityOption, type PeriodChoice } from './CockpitFilters';
import { useCockpitFormat } from './cockpitFormat';
import { NowSection } from './NowSection';
import { PeriodSection } from './PeriodSection';
import { type Period, periodPresets, periodProblem, presetPeriod, todayInParis } from './period';
import { useLiveCockpit } from './useLiveCockpit';

/** Coordinators, admins and observers (a municipality's representative) see the cockpit for their scope. */
export function CockpitPage() {
  const user = useCurrentUser();
  if (!canSeeCockpit(user)) return <ForbiddenPage />;
  return <Cockpit user={user} />;
}

const isPreset = (v: string | null): v is (typeof periodPresets)[number] =>
  periodPresets.some((p) => p === v);

/** The entities offered in the filter: the staff's directory within the cockpit scope, else the grants. */
function useEntityOptions(user: CurrentUser): EntityOption[] | null {
  const entities = useEntities(user.isStaff);
  return useMemo(() => {
    if (!user.isStaff) {
      // observers do not read the directory: their grants name the entities they may look at
      const seen = new Map(cockpitGrants(user).map((g) => [g.entity.id, g.entity]));
      return [...seen.values()].map((e) => ({ ...e, depth: 0 }));
    }
    if (!entities.data) return entities.error ? [] : null;
    return entityTreeOrder(entitiesInCockpitScope(user, entities.data));
  }, [user, entities.data, entities.error]);
}

/** A 403 from the cockpit routes: the entity asked for is outside the person's cockpit scope. */
function SectionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error) && error.status === 403) {
    return (
      <Alert
        role="alert"
        color="orange"
        variant="light"
        icon={<IconLock aria-hidden />}
        title={t('cockpit.forbidden.title')}
      >
        {t('cockpit.forbidden.text')}
      </Alert>
    );
  }
  return <ErrorAlert error={error} title={t('cockpit.loadError')} />;
}

function Cockpit({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const f = useCockpitFormat();
  const nowHeading = useId();
  const periodHeading = useId();
  const [params, setParams] = useSearchParams();

  // the filters live in the URL, so a view can be bookmarked and shared
  const entityParam = Number(params.get('entity'));
  const entityId = Number.isInteger(entityParam) && entityParam > 0 ? entityParam : undefined;
  const periodParam = params.get('period');
  const choice: PeriodChoice =
    periodParam === 'custom' ? 'custom' : isPreset(periodParam) ? periodParam : 'thisMonth';
  // read on every render: a page left open past midnight moves its presets with the next refresh
  const today = todayInParis();
  const period: Period = useMemo(() => {
    if (choice !== 'custom') return presetPeriod(choice, today);
    const fallback = presetPeriod('thisMonth', today);
    const from = params.get('from');
    const to = params.get('to');
    return { from: from ?? fallback.from, to: to ?? fallback.to };
  }, [choice, params, today]);
  const periodValid = periodProblem(period) === null;

  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [key, value] of Object.entries(changes)) {
          if (value !== undefined) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const entities = useEntityOptions(user);
  const filter: CockpitFilter = useMemo(() => ({ entityId }), [entityId]);
  const now = useCockpitNow(filter);
  const periodQuery = useCockpitPeriod(filter, period, periodValid);
  useLiveCockpit(true);

  const selection = useMemo(() => ({ filter, period }), [filter, period]);

  return (
    <CockpitSelectionContext.Provider value={selection}>
      <Stack gap="lg">
        <Stack gap="xs">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <Group gap="md" align="baseline">
              <PageTitle>{t('cockpit.title')}</PageTitle>
              <Anchor component={Link} to="/cockpit/reports" size="sm">
                {t('reports.cockpitLink')}
              </Anchor>
            </Group>
            <Text size="sm" c="dark.4" aria-live="polite" aria-atomic="true">
              {now.dataUpdatedAt > 0 ? t('cockpit.updatedAt', { time: f.clock(now.dataUpdatedAt) }) : ''}
            </Text>
          </Group>
          <CockpitFilters
            entities={entities}
            entityId={entityId}
            onEntity={(id) => update({ entity: id === undefined ? undefined : String(id) })}
            choice={choice}
            period={period}
            onChoice={(c) =>
              update(
                c === 'custom'
                  ? { period: c, from: period.from, to: period.to }
                  : { period: c, from: undefined, to: undefined },
              )
            }
            onCustom={(p) => update({ period: 'custom', from: p.from, to: p.to })}
          />
        </Stack>

        {now.isPending ? (
          <Loading label={t('cockpit.now.loading')} />
        ) : now.error && !now.data ? (
          <SectionError error={now.error} />
        ) : now.data ? (
          <div aria-busy={now.isPlaceholderData || undefined} className="cockpit-refreshing">
            <NowSection now={now.data} headingId={nowHeading} />
          </div>
        ) : null}

        {!periodValid ? (
          <Text size="sm">{t('cockpit.period.chooseValid')}</Text>
        ) : periodQuery.isPending ? (
          <Loading label={t('cockpit.period.loading')} />
        ) : periodQuery.error && !periodQuery.data ? (
          <SectionError error={periodQuery.error} />
        ) : periodQuery.data ? (
          <div aria-busy={periodQuery.isPlaceholderData || undefined} className="cockpit-refreshing">
            <PeriodSection data={periodQuery.data} headingId={periodHeading} />
          </div>
        ) : null}
      </Stack>
    </CockpitSelectionContext.Provider>
  );
}
