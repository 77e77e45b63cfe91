import type { MeResponse } from '@guichet/contracts';
import { Anchor, Box, Button, Container, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Loading } from '../components/Loading';
import { sessionKey, useLogout, useSession } from '../features/auth/session';
import { canSeeCockpit } from '../features/cockpit/access';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { RemoteBanner } from '../features/remote/RemoteBanner';
import { useLiveTickets } from '../features/tickets/useLiveTickets';
import { api, setUnauthenticatedHandler } from '../lib/api';
import { applyLanguage, currentLanguage, type Language, languages } from '../lib/i18n';

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const qc = useQueryClient();
  /** Switches now; a signed-in person's choice is also saved to their profile for every device. */
  const chooseLanguage = async (lng: Language, signedIn: boolean) => {
    await applyLanguage(lng, { remember: true });
    if (signedIn) {
      const saved = await api.patch<MeResponse>('/auth/me', { language: lng }).catch(() => null);
      if (saved) qc.setQueryData(sessionKey, saved.user);
    }
  };
  const current = i18n.language;
  return (
    <Group gap={2} role="group" aria-label={t('shell.language')}>
      {languages.map((lng: Language) => (
        <Button
          key={lng}
          size="compact-sm"
          variant={current === lng ? 'filled' : 'subtle'}
          color={current === lng ? undefined : 'dark'}
          aria-pressed={current === lng}
          lang={lng}
          title={t(`shell.languageName.${lng}`)}
          onClick={() => void chooseLanguage(lng, Boolean(user))}
        >
          <span aria-hidden>{lng.toUpperCase()}</span>
          <span className="visually-hidden">{t(`shell.languageName.${lng}`)}</span>
        </Button>
      ))}
    </Group>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const { user } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  if (!user) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.userMenu', { name: user.name })} px="xs" py={4}>
          <Group gap={6} wrap="nowrap">
            <IconUserCircle size={20} aria-hidden />
            <Text size="sm" fw={500} visibleFrom="sm">
              {user.name}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Label>{user.entity.name}</Menu.Label>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
        >
          {t('shell.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function Shell() {
  const { t } = useTranslation();
  const { user } = useSession();
  const qc = useQueryClient();

  useEffect(() => {
    // a 401 on any call means the session ended: forget it, the guards then show the login page
    setUnauthenticatedHandler(() => qc.setQueryData(sessionKey, null));
    return () => setUnauthenticatedHandler(null);
  }, [qc]);

  useEffect(() => {
    document.documentElement.lang = currentLanguage();
  }, []);

  useLiveTickets(Boolean(user));

  const { pathname } = useLocation();
  const under = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
  const links: { to: string; label: string; active: boolean }[] = [];
  if (user?.isStaff) {
    links.push(
      { to: '/desk', label: t('nav.desk'), active: under('/desk') && !under('/desk/call') },
      { to: '/desk/call', label: t('nav.call'), active: under('/desk/call') },
      { to: '/cmdb', label: t('cmdb.nav'), active: under('/cmdb') },
      { to: '/improvement', label: t('improvement.nav'), active: under('/improvement') },
    );
  }
  if (user && canSeeCockpit(user)) {
    links.push({ to: '/cockpit', label: t('cockpit.nav'), active: under('/cockpit') });
  }
  if (user) links.push({ to: '/portal', label: t('nav.portal'), active: under('/portal') });
  if (user?.isAdmin) links.push({ to: '/admin', label: t('nav.admin'), active: under('/admin') });

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <RemoteBanner />
      <Box component="header" className="app-header">
        <Container size="xl" py="xs">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Group gap="lg" wrap="wrap">
              <Anchor component={Link} to="/" fw={800} fz="xl" c="blue.9" underline="never">
                Guichet
              </Anchor>
              {links.length > 0 && (
                <nav aria-label={t('nav.label')} className="app-nav">
                  <Group gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                    {links.map((l) => (
                      <li key={l.to}>
                        <Link to={l.to} aria-current={l.active ? 'page' : undefined}>
                          {l.label}
                        </Link>
                      </li>
                    ))}
                  </Group>
                </nav>
              )}
            </Group>
            <Group gap="sm">
              <LanguageSwitch />
              {user && <NotificationBell isStaff={user.isStaff} />}
              <UserMenu />
            </Group>
          </Group>
        </Container>
      </Box>
      <Container component="main" id="main" tabIndex={-1} size="xl" py="md">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </Container>
    </>
  );
}
