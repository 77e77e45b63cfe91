import { type Browser, expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support.js';

async function session(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

test('a ticket near breach turns to warning in the queue, the coordinator is told, the escalation reassigns it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const calendarName = `Continu e2e ${stamp}`;
  const policyName = `SLA incidents express ${stamp}`;
  const expertGroup = 'Experts N3 – Systèmes';

  // The administrator sets up a 24/7 calendar, tries it, and saves it.
  const admin = await session(browser, 'admin@guichet.example');
  await expect(admin.page).toHaveURL(/\/desk/);
  await admin.page.getByRole('link', { name: 'Administration' }).click();
  await admin.page.getByRole('tab', { name: 'Calendriers' }).click();
  await admin.page.getByRole('button', { name: 'Nouveau calendrier' }).click();
  const calendarDialog = admin.page.getByRole('dialog');
  await calendarDialog.getByLabel('Nom du calendrier').fill(calendarName);
  await expect(calendarDialog.getByRole('button', { name: 'Ajouter une plage le lundi' })).toBeVisible();
  await calendarDialog.getByRole('switch', { name: /24\/7/ }).check();
  await expect(calendarDialog.getByRole('button', { name: 'Ajouter une plage le lundi' })).toHaveCount(0);
  await calendarDialog.getByLabel('Ticket ouvert le').fill('2026-05-04T10:00');
  await calendarDialog.getByLabel('Délai à tenir').fill('2 h');
  await calendarDialog.getByRole('button', { name: "Calculer l'échéance" }).click();
  await expect(calendarDialog.getByRole('status')).toContainText('12:00');
  await expectAccessible(admin.page, 'calendar form');
  await calendarDialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(calendarDialog).toHaveCount(0);
  await expect(admin.page.getByRole('row', { name: new RegExp(calendarName) })).toContainText('24/7');

  // … then an SLA for incidents: resolution in 1 minute, warning at 5 %, escalation at 10 %.
  await admin.page.getByRole('tab', { name: 'Niveaux de service' }).click();
  await admin.page.getByRole('button', { name: 'Nouveau niveau de service' }).click();
  const policyDialog = admin.page.getByRole('dialog');
  await policyDialog.getByLabel('Nom du niveau de service').fill(policyName);
  await policyDialog.getByLabel('Type de niveau de service').selectOption({ label: 'SLA' });
  await policyDialog.getByLabel('Type de ticket').selectOption({ label: 'Incident' });
  // the requester's entity: more specific than the demo's metropolis-wide SLA, so this one applies
  const entitySelect = policyDialog.getByLabel('Entité concernée');
  const finances = await entitySelect
    .locator('option', { hasText: /^\P{L}*Finances$/u })
    .first()
    .getAttribute('value');
  await entitySelect.selectOption(finances as string);
  await policyDialog.getByLabel('Calendrier').selectOption({ label: calendarName });
  for (const p of [1, 2, 3, 4, 5]) {
    await policyDialog.getByRole('textbox', { name: new RegExp(`^Résolution – P${p}`) }).fill('1');
  }
  await expect(policyDialog.getByText('= 1 min').first()).toBeVisible();
  await policyDialog.getByLabel("Seuil d'alerte (%)").fill('5');
  await policyDialog.getByRole('button', { name: 'Ajouter une escalade' }).click();
  const rule = policyDialog.getByRole('group', { name: 'Escalade 1' });
  await rule.getByLabel('Délai surveillé').selectOption({ label: 'Résolution' });
  await rule.getByLabel('Seuil (%)').fill('10');
  await rule.getByLabel('Réaffecter au groupe').selectOption({ label: expertGroup });
  await expect(rule.getByRole('checkbox', { name: 'Prévenir les coordinateurs du groupe' })).toBeChecked();
  await expectAccessible(admin.page, 'service level form');
  await policyDialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(policyDialog).toHaveCount(0);
  const policyRow = admin.page.getByRole('row', { name: new RegExp(policyName) });
  await expect(policyRow).toContainText('Actif');
  await expect(policyRow).toContainText(calendarName);
  await expectAccessible(admin.page, 'admin service levels');

  // The coordinator and an agent are at their desks.
  const coordinator = await session(browser, 'coordinator@guichet.example');
  await expect(coordinator.page).toHaveURL(/\/desk/);
  const agent = await session(browser, 'agent1@guichet.example');
  await expect(agent.page).toHaveURL(/\/desk/);
  await agent.page.goto('/desk?queue=all');
  await expect(agent.page.getByRole('tab', { name: /Tous \(périmètre\)/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await agent.page.getByLabel('Trier par').selectOption({ label: 'Échéance la plus proche' });
  await expect(agent.page).toHaveURL(/sort=slaDueAt/);
  await expect(agent.page.getByRole('columnheader', { name: 'Échéance' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );

  // A requester declares an incident: the SLA starts.
  const requester = await session(browser, 'requester@guichet.example');
  await expect(requester.page).toHaveURL(/\/portal/);
  await requester.page.getByRole('button', { name: 'Déclarer un incident' }).click();
  await requester.page.getByLabel('Titre').fill(`Serveur de fichiers inaccessible ${stamp}`);
  await requester.page.getByLabel('Description').fill('Plus aucun partage réseau ne répond depuis ce matin.');
  await requester.page.getByRole('button', { name: 'Envoyer' }).click();
  const number = (
    await requester.page
      .getByText(/INC\d{7}/)
      .first()
      .textContent()
  )?.match(/INC\d{7}/)?.[0] as string;
  expect(number).toBeTruthy();

  // The queue shows it, then turns it to the warning state, in words. (The demo's long-open
  // tickets are overdue and come first in this sort: the agent looks the new one up.)
  await agent.page.getByRole('searchbox', { name: 'Rechercher' }).fill(number);
  const row = agent.page.getByRole('row', { name: new RegExp(number) });
  await expect(row).toBeVisible();
  await expect(row).toContainText(/à risque|dépassé de/, { timeout: 15_000 });
  await expectAccessible(agent.page, 'desk queue with service levels');

  // The coordinator is told in the notification centre.
  await coordinator.page.getByRole('button', { name: /^Notifications/ }).click();
  await expect(coordinator.page.getByText(new RegExp(number)).first()).toBeVisible({ timeout: 15_000 });

  // The ticket page shows the clock, and the escalation handed the ticket to the experts.
  await row.getByRole('link', { name: number }).click();
  await expect(agent.page.getByRole('heading', { name: new RegExp(number) })).toBeVisible();
  const panel = agent.page.getByRole('region', { name: 'Niveaux de service' });
  // (a reused server may hold an earlier run's policy: the newest matching one wins there)
  await expect(panel).toContainText(/SLA incidents express \d+/);
  await expect(panel).toContainText('Résolution');
  await expect(panel).toContainText(/En cours|Dépassé/);
  const history = agent.page.getByRole('region', { name: 'Historique' });
  await expect(history).toContainText('a escaladé le ticket', { timeout: 15_000 });
  await expect(history).toContainText(expertGroup);
  await expectAccessible(agent.page, 'ticket page with service levels');

  for (const s of [admin, coordinator, agent, requester]) await s.context.close();
});
