import { type APIRequestContext, expect, request, test } from '@playwright/test';
import { expectAccessible, signIn } from './support.js';

/** An API session of a demo account, with the CSRF header its writes need. */
async function apiAs(baseURL: string, email: string) {
  const ctx: APIRequestContext = await request.newContext({ baseURL });
  const login = await ctx.post('/api/v1/auth/login', { data: { email, password: 'demo' } });
  expect(login.status()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { ctx, headers: { 'x-csrf-token': csrfToken } };
}

test('the requester rates a resolved ticket from the e-mail link, and the desk reads the answer', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const origin = baseURL as string;
  const requester = await apiAs(origin, 'requester@guichet.example');
  const agent = await apiAs(origin, 'agent1@guichet.example');
  const created = await requester.ctx.post('/api/v1/tickets', {
    headers: requester.headers,
    data: { type: 'incident', title: `Écran qui clignote ${Date.now()}` },
  });
  expect(created.status()).toBe(201);
  const { number } = (await created.json()) as { number: string };
  const resolved = await agent.ctx.patch(`/api/v1/tickets/${number}`, {
    headers: agent.headers,
    data: { status: 'resolved', resolutionCode: 'solved', resolutionNotes: 'Câble remplacé' },
  });
  expect(resolved.status()).toBe(200);

  // the link of the resolution e-mail: the survey has the focus
  await signIn(page, 'requester@guichet.example');
  await expect(page).toHaveURL(/\/portal/);
  await page.goto(`/portal/tickets/${number}?action=rate`);
  await expect(page.getByRole('group', { name: /Votre note, de 1/ })).toBeVisible();
  await expect(page.getByRole('radio', { name: '1 sur 5' })).toBeFocused();
  await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
  await expect(page.getByText('Choisissez une note de 1 à 5.')).toBeVisible();
  await page.getByRole('radio', { name: '4 sur 5' }).check();
  await page.getByLabel('Commentaire (facultatif)').fill('Rapide et efficace');
  await expectAccessible(page, 'satisfaction survey');
  await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
  await expect(page.getByText('Merci pour votre avis !')).toBeFocused();
  await expect(page.getByText('Votre note : 4 sur 5')).toBeVisible();
  await expect(page.getByText('Votre commentaire : Rapide et efficace')).toBeVisible();
  await expectAccessible(page, 'satisfaction thank-you');

  // the desk sees it, read-only
  const desk = await page.context().browser()?.newContext({ baseURL: origin, locale: 'fr-FR' });
  if (!desk) throw new Error('no browser');
  const deskPage = await desk.newPage();
  await signIn(deskPage, 'agent1@guichet.example');
  await expect(deskPage).toHaveURL(/\/desk/);
  await deskPage.goto(`/desk/tickets/${number}`);
  const panel = deskPage.getByRole('region', { name: 'Satisfaction' });
  await expect(panel).toContainText('Satisfaction : 4/5');
  await expect(panel).toContainText('Rapide et efficace');
  await expect(panel.getByRole('radio')).toHaveCount(0);
  await desk.close();
  await requester.ctx.dispose();
  await agent.ctx.dispose();
});
