import { Anchor, Breadcrumbs, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { useImportReport } from './api';
import { ReportDetails } from './ReportDetails';

/** /cmdb/imports/:id: one kept import report. */
export function ImportReportPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const report = useImportReport(Number.isInteger(id) ? id : 0);
  return (
    <Stack gap="md">
      <Breadcrumbs aria-label={t('cmdbImport.breadcrumbs')}>
        <Anchor component={Link} to="/cmdb">
          {t('cmdb.list.title')}
        </Anchor>
        <Anchor component={Link} to="/cmdb/import">
          {t('cmdbImport.title')}
        </Anchor>
      </Breadcrumbs>
      <PageTitle>{t('cmdbImport.report.title', { id })}</PageTitle>
      {report.isPending ? (
        <Loading />
      ) : report.error ? (
        <ErrorAlert error={report.error} />
      ) : (
        <ReportDetails report={report.data} />
      )}
    </Stack>
  );
}
