import { expect, type Page, request, test } from '@playwright/test';
import { expectAccessible, signIn } from './support.js';

/** The number a cockpit figure card shows, e.g. « Tickets ouverts » → 1 234. */
function figure(page: Page, label: string) {
  return page
    .locator('dl')
    .filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }) })
    .getByRole('definition')
    .first();
}

const readNumber = async (page: Page, label: string) =>
  Number((await figure(page, label).textContent())?.replace(/\D/g, ''));

test('a coordinator follows the desk in the cockpit, live, and reads a chart as a table', async ({
  page,
  baseURL,
}) => {
  await signIn(page, 'coordinator@guichet.example');
  await expect(page).toHaveURL(/\/desk/);
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Cockpit' })
    .click();
  await expect(page).toHaveURL(/\/cockpit/);
  await expect(page.getByRole('heading', { level: 1, name: 'Cockpit de pilotage' })).toBeVisible();

  // the live figures and the period's figures are there
  await expect(page.getByRole('heading', { level: 2, name: 'Maintenant' })).toBeVisible();
  await expect(figure(page, 'Tickets ouverts')).toHaveText(/\d/);
  await expect(page.getByRole('heading', { level: 2, name: /^Période du / })).toBeVisible();
  await expect(page.getByText('Tickets créés', { exact: true })).toBeVisible();
  await expect(page.getByText(/Mis à jour à \d{2}:\d{2}:\d{2}/)).toBeVisible();

  // another period: the URL and the figures follow
  await page.getByLabel('Période', { exact: true }).selectOption({ label: '30 derniers jours' });
  await expect(page).toHaveURL(/period=last30Days/);
  await expect(page.getByRole('heading', { level: 2, name: /^Période du / })).toBeVisible();

  // a chart's figures as a real table
  const channels = page.getByRole('region', { name: 'Volume par canal' });
  const show = channels.getByRole('button', { name: /Voir les données/ });
  await show.click();
  await expect(channels.getByRole('button', { name: /Masquer les données/ })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  const table = channels.getByRole('table', { name: 'Volume par canal' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Période précédente' })).toBeVisible();
  await expect(channels.getByRole('link', { name: 'Exporter « Volume par canal » en CSV' })).toHaveAttribute(
    'href',
    /\/api\/v1\/cockpit\/export\?table=byChannel&format=csv&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/,
  );
  await expectAccessible(page, 'cockpit');

  // a ticket created elsewhere (another session, through the API) moves the open count, without a reload
  await page.evaluate(() => {
    (window as unknown as { cockpitMarker: boolean }).cockpitMarker = true;
  });
  const before = await readNumber(page, 'Tickets ouverts');
  const requester = await request.newContext({ baseURL });
  const login = await requester.post('/api/v1/auth/login', {
    data: { email: 'requester@guichet.example', password: 'demo' },
  });
  expect(login.ok()).toBe(true);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await requester.post('/api/v1/tickets', {
    headers: { 'x-csrf-token': csrfToken, 'idempotency-key': `cockpit-e2e-${Date.now()}` },
    data: {
      type: 'incident',
      title: `Écran noir au guichet ${Date.now()}`,
      description: 'Plus rien ne s’affiche.',
    },
  });
  expect(created.status()).toBe(201);
  await requester.dispose();

  await expect.poll(() => readNumber(page, 'Tickets ouverts'), { timeout: 15_000 }).toBe(before + 1);
  expect(await page.evaluate(() => (window as unknown as { cockpitMarker?: boolean }).cockpitMarker)).toBe(
    true,
  );
});

test("a municipality's observer lands on the cockpit, sees only their commune, and not the desk", async ({
  browser,
  baseURL,
}) => {
  // the administrator makes the Pessac town hall's receptionist an observer of Pessac
  const admin = await request.newContext({ baseURL });
  const login = await admin.post('/api/v1/auth/login', {
    data: { email: 'admin@guichet.example', password: 'demo' },
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const entities = (await (await admin.get('/api/v1/entities')).json()) as { id: number; name: string }[];
  const pessac = entities.find((e) => e.name === 'Pessac');
  expect(pessac).toBeTruthy();
  const people = (await (
    await admin.get('/api/v1/people', { params: { q: 'requester.pessac@guichet.example' } })
  ).json()) as { items: { id: number; email: string }[] };
  const person = people.items.find((p) => p.email === 'requester.pessac@guichet.example');
  expect(person).toBeTruthy();
  const granted = await admin.post('/api/v1/roles', {
    headers: { 'x-csrf-token': csrfToken },
    data: { personId: person?.id, role: 'observer', entityId: pessac?.id, includeDescendants: true },
  });
  expect([201, 409]).toContain(granted.status());
  await admin.dispose();

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'requester.pessac@guichet.example');
  await expect(page).toHaveURL(/\/cockpit/);
  await expect(page.getByRole('heading', { level: 1, name: 'Cockpit de pilotage' })).toBeVisible();
  // one entity in scope: shown, not chosen
  await expect(page.getByRole('textbox', { name: 'Entité', exact: true })).toHaveValue('Pessac');
  await expect(figure(page, 'Tickets ouverts')).toHaveText(/\d/);
  await expect(page.getByRole('heading', { level: 2, name: /^Période du / })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await expect(nav.getByRole('link', { name: 'Cockpit' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Bureau' })).toHaveCount(0);
  await expectAccessible(page, 'cockpit (observer)');

  // figures of another commune are refused, with a clear message
  const merignac = entities.find((e) => e.name === 'Mérignac');
  await page.goto(`/cockpit?entity=${merignac?.id}`);
  await expect(page.getByRole('alert').first()).toContainText('Accès refusé');

  // the desk is not theirs
  await page.goto('/desk');
  await expect(page.getByRole('heading', { level: 1, name: 'Accès refusé' })).toBeVisible();
  await context.close();
});
