import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Form } from '../../components/Form';
import { PageTitle } from '../../components/PageTitle';
import { isApiError } from '../../lib/api';
import { canSeeCockpit } from '../cockpit/access';
import { homePath, useLogin, useSession } from './session';

/** Only same-site paths are followed after sign-in (no open redirect). */
const safeNext = (next: string | null) =>
  next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;

export function LoginPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: boolean; password?: boolean }>({});

  if (user && !login.isPending)
    return <Navigate to={safeNext(params.get('next')) ?? homePath(user)} replace />;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const m = { email: !email.trim(), password: !password };
    setMissing(m);
    if (m.email || m.password) return;
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess: ({ user: u }) => {
          const next = safeNext(params.get('next'));
          // a requester never lands on a staff page, whatever "next" says (an observer may reach the cockpit)
          const allowed =
            u.isStaff || next?.startsWith('/portal') || (next?.startsWith('/cockpit') && canSeeCockpit(u));
          navigate(next && allowed ? next : homePath(u), { replace: true });
        },
      },
    );
  };

  let error: string | null = null;
  if (login.error) {
    const e = login.error;
    error =
      isApiError(e) && (e.status === 401 || e.code === 'validation_failed')
        ? t('login.invalid')
        : isApiError(e) && e.code === 'too_many_requests'
          ? t('errors.tooMany')
          : isApiError(e) && e.code === 'network'
            ? t('errors.network')
            : (e.message ?? t('errors.unexpected'));
  }

  return (
    <Stack maw={420} mx="auto" mt="xl">
      <PageTitle>{t('login.title')}</PageTitle>
      <Text>{t('login.intro')}</Text>
      <Paper withBorder p="lg" component={Form} onSubmit={submit} aria-describedby="login-required">
        <Stack>
          <Text id="login-required" size="sm">
            {t('common.requiredNote')}
          </Text>
          {error && (
            <Alert role="alert" color="red" variant="light" title={t('login.failed')}>
              {error}
            </Alert>
          )}
          <TextInput
            label={t('login.email')}
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={missing.email ? t('login.emailRequired') : undefined}
          />
          <PasswordInput
            label={t('login.password')}
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={missing.password ? t('login.passwordRequired') : undefined}
            visibilityToggleFocusable
            visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
          />
          <Button type="submit" loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
