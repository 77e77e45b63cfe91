import { Anchor, Group, Paper, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { notify } from '../../lib/notify';
import { CiForm } from './CiForm';

/** /cmdb/new: create an item, then open its page. */
export function CiNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/cmdb" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t('cmdb.item.back')}
        </Group>
      </Anchor>
      <PageTitle>{t('cmdb.form.newTitle')}</PageTitle>
      <Paper withBorder p="md">
        <CiForm
          onCancel={() => navigate('/cmdb')}
          onDone={(ci) => {
            notify(t('cmdb.form.created', { name: ci.name }));
            navigate(`/cmdb/items/${ci.id}`);
          }}
        />
      </Paper>
    </Stack>
  );
}
