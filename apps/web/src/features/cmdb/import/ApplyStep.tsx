import { Alert, Anchor, Button, Group, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ImportProgressBar } from './ImportProgressBar';
import { ReportDetails } from './ReportDetails';
import type { RunState } from './useImportRun';

/** Step 4: the apply's progress (one transaction: all or nothing), then the kept report. */
export function ApplyStep({
  run,
  onBack,
  onRestart,
}: {
  run: RunState;
  onBack: () => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const report = run.status === 'done' ? run.report : null;
  return (
    <Stack gap="md">
      <Title order={2} fz="h3">
        {t('cmdbImport.apply.title')}
      </Title>
      {run.status === 'running' && (
        <ImportProgressBar progress={run.progress} label={t('cmdbImport.apply.progress')} />
      )}
      {run.status === 'error' && (
        <>
          <ErrorAlert error={run.error} showFields />
          <Alert color="yellow" variant="light">
            {t('cmdbImport.apply.errorHint')}
          </Alert>
          <Group>
            <Button variant="default" onClick={onBack}>
              {t('cmdbImport.back')}
            </Button>
          </Group>
        </>
      )}
      {report && (
        <>
          <Alert
            color={report.status === 'applied' ? 'green' : 'red'}
            variant="light"
            role={report.status === 'applied' ? 'status' : 'alert'}
            title={t(`cmdbImport.apply.done.${report.status === 'applied' ? 'applied' : 'failed'}`)}
          >
            {report.status === 'applied'
              ? t('cmdbImport.apply.appliedText', {
                  create: report.counts.create,
                  update: report.counts.update,
                })
              : t('cmdbImport.apply.failedText')}
          </Alert>
          <ReportDetails report={report} headingOrder={3} />
          <Group>
            <Anchor component={Link} to="/cmdb">
              {t('cmdbImport.apply.toItems')}
            </Anchor>
            <Anchor component={Link} to={`/cmdb/imports/${report.id}`}>
              {t('cmdbImport.apply.toReport')}
            </Anchor>
            <Button variant="default" onClick={report.status === 'applied' ? onRestart : onBack}>
              {report.status === 'applied' ? t('cmdbImport.apply.another') : t('cmdbImport.back')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
