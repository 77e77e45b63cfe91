import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support.js';

test('a requester declares an incident, an agent sees it live, handles it, and the requester confirms', async ({
  browser,
}) => {
  const title = `Imprimante du 2e étage bloquée ${Date.now()}`;
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await signIn(agent, 'agent1@guichet.example');
  await expect(agent).toHaveURL(/\/desk/);
  await agent.getByRole('tab', { name: /Non assignés/ }).click();
  await expectAccessible(agent, 'agent desk');

  const requesterContext = await browser.newContext();
  const requester = await requesterContext.newPage();
  await signIn(requester, 'requester@guichet.example');
  await expect(requester).toHaveURL(/\/portal/);
  await expectAccessible(requester, 'portal');
  await requester.getByRole('button', { name: 'Déclarer un incident' }).click();
  await requester.getByLabel('Titre').fill(title);
  await requester.getByLabel('Description').fill("Le voyant clignote orange et rien ne s'imprime.");
  await expectAccessible(requester, 'incident form');
  await requester.getByRole('button', { name: 'Envoyer' }).click();
  const number = (
    await requester
      .getByText(/INC\d{7}/)
      .first()
      .textContent()
  )?.match(/INC\d{7}/)?.[0];
  expect(number).toBeTruthy();

  // appears in the agent's queue without a reload
  const row = agent.getByRole('link', { name: new RegExp(number as string) });
  await expect(row).toBeVisible();
  await row.click();
  await expect(agent.getByRole('heading', { name: new RegExp(title) })).toBeVisible();
  await expectAccessible(agent, 'ticket page');
  await agent.getByRole('button', { name: "M'assigner" }).click();
  await expect(agent.getByText('Assigné', { exact: true }).first()).toBeVisible();
  await agent.getByLabel('Réponse').fill('Nous envoyons un technicien pour remplacer le tambour.');
  await agent.getByRole('button', { name: 'Envoyer' }).click();
  await expect(agent.getByText('Nous envoyons un technicien pour remplacer le tambour.')).toBeVisible();
  await agent.getByRole('button', { name: 'Résoudre' }).click();
  await agent.getByLabel('Code de résolution').click();
  await agent.getByRole('option', { name: 'Résolu' }).click();
  await agent.getByLabel('Notes de résolution').fill('Tambour remplacé.');
  await agent.getByRole('button', { name: 'Confirmer' }).click();
  await expect(agent.getByText('Résolu', { exact: true }).first()).toBeVisible();

  await requester.goto('/portal');
  await requester.getByRole('link', { name: new RegExp(number as string) }).click();
  await expect(requester.getByText('Nous envoyons un technicien pour remplacer le tambour.')).toBeVisible();
  await expectAccessible(requester, 'portal ticket');
  // the resolution e-mail's "confirm" link lands on the choice, without confirming by itself
  await requester.goto(`/portal/tickets/${number}?action=confirm`);
  const confirmResolution = requester.getByRole('button', { name: 'Confirmer la résolution' });
  await expect(confirmResolution).toBeFocused();
  await expect(requester.getByText('Résolu', { exact: true }).first()).toBeVisible();
  await confirmResolution.click();
  await expect(requester.getByText('Clos', { exact: true }).first()).toBeVisible();

  await agentContext.close();
  await requesterContext.close();
});

test('a phone call is logged and resolved on first contact', async ({ page }) => {
  await signIn(page, 'agent2@guichet.example');
  await expect(page).toHaveURL(/\/desk/);
  await page.getByRole('link', { name: 'Appel' }).click();
  const search = page.getByLabel("Rechercher l'appelant");
  await search.fill('requester.pessac');
  await page.getByRole('option', { name: /requester\.pessac@guichet\.example/ }).click();
  await expect(page.getByText('Pessac').first()).toBeVisible();
  await expectAccessible(page, 'phone intake');
  await page.getByLabel('Titre').fill('Mot de passe Windows expiré');
  await page.getByRole('button', { name: 'Résoudre au premier contact' }).click();
  await page.getByLabel('Code de résolution').click();
  await page.getByRole('option', { name: 'Résolu' }).click();
  await page
    .getByLabel('Notes de résolution')
    .fill('Mot de passe réinitialisé avec la demandeuse au téléphone.');
  await page.getByRole('button', { name: 'Confirmer' }).click();
  const created = page.getByRole('link', { name: /INC\d{7}/ });
  await expect(created).toBeVisible();
  await created.click();
  await expect(page.getByText('Résolu', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Téléphone').first()).toBeVisible();
});
